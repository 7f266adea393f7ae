/**
 * Starts the browser's download of a signed link. The server answers it as an attachment,
 * so the page stays where it is; `download` names the file for same-origin links.
 */
export function saveFile(link: { url: string; filename: string }): void {
  const anchor = document.createElement("a");
  anchor.href = link.url;
  anchor.download = link.filename;
  anchor.rel = "noopener";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}
