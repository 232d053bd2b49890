// Mounts Jikji into <div id="jikji"> of a host page (data-query, data-source options).
// Its styles are scoped to that element; the host's URL, title and keys stay its own.
import init from './{glue}';
const root = document.getElementById('jikji');
root.setAttribute('data-jikji-embed', '');
root.classList.add('jikji-embed');
const style = document.createElement('link');
style.rel = 'stylesheet';
style.href = new URL('./style.embed.css', import.meta.url).href;
document.head.append(style);
root.dataset.jikjiTexts = new URL('./{texts}/', import.meta.url).href;
root.dataset.jikjiIndex = '{id}';
root.dataset.jikjiArchiveId = '{archive_id}';
{reader}
await init({ module_or_path: new URL('./{wasm}', import.meta.url) });
