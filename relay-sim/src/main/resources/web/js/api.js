// Every call of the page goes through here: the same HTTP API the CLI uses. A refusal comes back
// as {"error":{"ja","en"}} and is thrown as an ApiError that the page shows in both languages.

export class ApiError extends Error {
  constructor(status, bilingual) {
    super(bilingual.en || bilingual.ja);
    this.status = status;
    this.bilingual = bilingual;
  }
}

const NETWORK_ERROR = {
  ja: 'シミュレーションに接続できません。lgwan-sim run が動いているか確かめてください',
  en: 'Cannot reach the simulation. Check that lgwan-sim run is running',
};

export async function call(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, NETWORK_ERROR);
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
  }
  if (!res.ok) {
    const error = data && data.error ? data.error : { ja: `エラー ${res.status}`, en: `Error ${res.status}` };
    throw new ApiError(res.status, error);
  }
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path) => call('DELETE', path);

/** One path segment, escaped. */
export const seg = (s) => encodeURIComponent(s);
