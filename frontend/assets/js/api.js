// The REST API, as the page uses it. Errors carry the RFC 9457 problem document.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

/** A query string from {name: value or [values]}; empty values are left out. */
export function queryString(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== "") search.append(name, item);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function request(method, path, { params = {}, body, key, etag, signal } = {}) {
  const headers = { Accept: "application/json" };
  // A form (an uploaded file) goes as multipart; the browser writes that header with its boundary.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers["Content-Type"] = "application/json";
  if (key) headers.Authorization = `Bearer ${key}`;
  if (etag) headers["If-Match"] = etag;
  let response;
  try {
    response = await fetch(`/api/v1${path}${queryString(params)}`, {
      method, headers, signal, body: body === undefined || isForm ? body : JSON.stringify(body),
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, { title: "offline" });
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return { data, etag: response.headers.get("ETag") };
}

export async function get(path, params = {}, options = {}) {
  return (await request("GET", path, { ...options, params })).data;
}

export const send = (method, path, options) => request(method, path, options);

const KEY_STORAGE = "atlas.apiKey";

/** The editor's API key, kept for this tab's session only. */
export const storedKey = () => sessionStorage.getItem(KEY_STORAGE) || "";

export function rememberKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}
