/** A dynamic segment as the model name: decoded once, or as given when it is not valid percent-encoding. */
export function modelNameParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
