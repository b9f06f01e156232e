import type { ImportedFile } from "../assumptions/io";

/** Offers a text file for download (Excel on the web and browsers; desktop Excel may block downloads). */
export function download(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The text of files chosen in an <input type="file">. */
export async function readFiles(list: FileList | null): Promise<ImportedFile[]> {
  const files = list ? Array.from(list) : [];
  return Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
}
