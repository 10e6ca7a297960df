export interface PageScript {
  /** The script's path on the server, as /build/… */
  path: string
  body: string
}

const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1]

/**
 * What the HTML makes a browser fetch right away: modulepreload links, script src, and the
 * modules the inline module script imports (Remix's, which ends with an `import()` of the entry).
 */
function scriptsNamedIn(html: string): string[] {
  const urls: string[] = []
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g))
    if (attribute(tag, 'rel') === 'modulepreload') urls.push(attribute(tag, 'href') ?? '')
  for (const [tag, body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = attribute(tag, 'src')
    if (src) urls.push(src)
    else if (attribute(tag, 'type') === 'module')
      for (const m of body.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"([^"]+)"/g)) urls.push(m[1]!)
  }
  return urls.filter(Boolean)
}

/**
 * A chunk's static imports: the import statements it opens with (esbuild hoists them there, and
 * text further on may look like one). An `import()` waits until the page needs it (the editor).
 */
function staticImportsOf(js: string) {
  const statement = /^\s*import\s*(?:[\w$*{}\s,]+?from\s*)?"([^"]+)";?/
  const out: string[] = []
  for (let rest = js, m = statement.exec(rest); m; rest = rest.slice(m[0].length), m = statement.exec(rest))
    out.push(m[1]!)
  return out
}

/**
 * Every script a browser downloads to run the page at `path` (fetched with `cookie`): the ones
 * its HTML names and, transitively, their static imports, each once.
 */
export async function pageScripts(baseUrl: string, path: string, cookie = ''): Promise<PageScript[]> {
  const page = await fetch(`${baseUrl}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' })
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`)
  const pending = scriptsNamedIn(await page.text()).map((url) => new URL(url, `${baseUrl}${path}`))
  const seen = new Map<string, PageScript>()
  while (pending.length) {
    const url = pending.shift()!
    if (url.origin !== new URL(baseUrl).origin || seen.has(url.pathname)) continue
    const res = await fetch(url)
    if (res.status !== 200) throw new Error(`${url.pathname}, named by ${path}, answered ${res.status}`)
    const body = await res.text()
    seen.set(url.pathname, { path: decodeURIComponent(url.pathname), body })
    pending.push(...staticImportsOf(body).map((spec) => new URL(spec, url)))
  }
  return [...seen.values()]
}
