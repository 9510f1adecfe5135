// Opening a storage link that answers as an attachment (an export, an import's report): the file
// saves under its own name and the page stays where it is. Such links live minutes, so callers
// fetch a fresh one just before and never keep it.
export function openDownload(url: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}
