const progress = document.getElementById("jikji-progress");
const show = (text) => { if (progress) progress.textContent = text; };
const gunzip = (bytes) => new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
const bytesOf = (blob) => blob.arrayBuffer().then((buffer) => new Uint8Array(buffer));
// The app asks for a part of the index (its core, a block, a text chunk) by file name, and
// gets it as it is published: gzip-compressed (the app unpacks it).
let packedParts;
globalThis.__jikji = {
  selfContained: true,
  part: (name) => {
    packedParts ??= JSON.parse(document.getElementById("jikji-parts").textContent);
    const packed = packedParts[name];
    if (typeof packed !== "string") return Promise.reject(new Error(`no part ${name} in this file`));
    return Promise.resolve(Uint8Array.from(atob(packed), (c) => c.charCodeAt(0)));
  },
};
// Asks for the archive file (chosen, or dropped on the page) until one opens.
function chooseArchive(expected) {
  return new Promise((resolve) => {
    const panel = document.createElement("div");
    panel.className = "archive-picker";
    panel.style.cssText = "max-width:36rem;margin:2rem auto;padding:1.5rem;border:2px dashed currentColor;border-radius:.75rem;line-height:1.6";
    const say = document.createElement("p");
    say.textContent = `이 아카이브는 이 페이지와 함께 받은 파일 ${expected.file}에 들어 있습니다. 그 파일을 고르거나 여기에 끌어다 놓으세요. · This archive is in the file ${expected.file} that came with this page: choose it, or drop it here.`;
    const input = document.createElement("input");
    input.type = "file";
    input.id = "jikji-archive-file";
    input.accept = ".archive";
    const error = document.createElement("p");
    error.setAttribute("role", "alert");
    error.className = "archive-error";
    panel.append(say, input, error);
    (progress ?? document.body).after(panel);
    const tryFile = async (file) => {
      if (!file) return;
      try {
        const part = await openArchive((start, end) => bytesOf(file.slice(start, end)), expected, file.name);
        panel.remove();
        resolve(part);
      } catch (e) {
        error.textContent = e && e.message ? e.message : String(e);
      }
    };
    input.addEventListener("change", () => tryFile(input.files[0]));
    document.addEventListener("dragover", (e) => e.preventDefault());
    document.addEventListener("drop", (e) => { e.preventDefault(); tryFile(e.dataTransfer?.files[0]); });
  });
}
try {
  if (typeof DecompressionStream === "undefined") throw new Error("this browser lacks DecompressionStream");
  const archive = document.getElementById("jikji-archive");
  const chosen = archive ? chooseArchive(JSON.parse(archive.textContent)) : null;
  const packed = document.getElementById("jikji-wasm").textContent.trim();
  const bytes = new Uint8Array(Math.floor(packed.length * 3 / 4));
  let length = 0;
  const slice = 1 << 20; // characters per step, a multiple of 4
  for (let at = 0; at < packed.length; at += slice) {
    const binary = atob(packed.slice(at, at + slice));
    for (let i = 0; i < binary.length; i++) bytes[length++] = binary.charCodeAt(i);
    show(`직지를 여는 중… ${Math.round(50 * Math.min(1, (at + slice) / packed.length))}%`);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const wasm = await gunzip(bytes.subarray(0, length));
  if (chosen) {
    show("");
    globalThis.__jikji.part = await chosen;
  }
  show("직지를 여는 중… 90%");
  const glue = await import(GLUE);
  await glue.default({ module_or_path: wasm });
} catch (error) {
  show(`직지를 열 수 없습니다 · Jikji could not start: ${error && error.message ? error.message : error}`);
  console.error(error);
}
