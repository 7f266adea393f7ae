/** What a form last said: announced in its Notice (errors as alerts). */
export type Status = { tone: "success" | "info" | "error"; text: string } | null;
