/* A file made in the page handed to the browser as a download (no server round trip). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download by the next task; the URL is no longer needed then.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
