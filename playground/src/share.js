// Share links: the whole playground state (files, options, custom rules) as
// JSON, deflated with the browser's CompressionStream and base64url-encoded
// into the URL hash (`#s=...`). Opening such a link restores the state; the
// hash never leaves the browser (it is not sent to any server).
const PREFIX = "#s=";
const VERSION = 1;

export async function encodeState(state) {
  const json = JSON.stringify({ v: VERSION, ...state });
  const bytes = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return PREFIX + toBase64Url(bytes);
}

/** The state in a hash, or null when the hash holds none; throws on a damaged link. */
export async function decodeState(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  const bytes = fromBase64Url(hash.slice(PREFIX.length));
  const json = new TextDecoder().decode(await pipe(bytes, new DecompressionStream("deflate-raw")));
  const state = JSON.parse(json);
  if (state?.v !== VERSION) throw new Error(`unsupported share link version ${state?.v}`);
  return validate(state);
}

/** Keeps only well-formed fields: a link is untrusted input. */
function validate(state) {
  const files = Array.isArray(state.files)
    ? state.files
        .filter((f) => f && typeof f.path === "string" && typeof f.text === "string")
        .map((f) => ({ path: f.path.slice(0, 200), text: f.text }))
    : [];
  if (files.length === 0) throw new Error("share link holds no files");
  return {
    files,
    active: typeof state.active === "string" ? state.active : files[0].path,
    options: typeof state.options === "object" && state.options !== null ? state.options : {},
    rules: typeof state.rules === "string" ? state.rules : "",
  };
}

async function pipe(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
