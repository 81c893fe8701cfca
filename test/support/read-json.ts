/** A response body as loosely typed JSON: tests assert on its shape themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readJson(res: Response): Promise<any> {
  return res.json();
}
