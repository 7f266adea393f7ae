/** What a screen last announced in its live region. */
export type Status = { tone: "success" | "error"; text: string } | null;
