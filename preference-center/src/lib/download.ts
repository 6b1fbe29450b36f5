/** Saves text as a file through the browser's download, without any network request. */
export function downloadFile(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadJson(filename: string, content: unknown): void {
  downloadFile(filename, typeof content === 'string' ? content : JSON.stringify(content, null, 2), 'application/json');
}
