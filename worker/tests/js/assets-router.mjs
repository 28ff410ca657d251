// Workers Static Assets on raw workerd, for the tests: Cloudflare (and `wrangler dev`) serve
// the `[assets]` directory before the Worker runs; raw workerd has no such layer, so this
// small router stands in for it. It binds the assets directory as a workerd disk service
// (ASSETS) and the Rust Worker as a service (WORKER), and does what the platform documents:
//   - a GET or HEAD whose path names an asset is answered from the directory: `/` and `/x/`
//     are `index.html` files (html_handling "auto-trailing-slash"), the content type comes
//     from the extension (text types with charset=utf-8, as wrangler uploads them), the
//     headers of every matching `_headers` rule are set (a header named by two rules is
//     joined with ", "), with an ETag and a 304 for a matching If-None-Match;
//   - another method on an asset's path is a 405 (the assets layer's, not the Worker's);
//   - every other request goes to the Worker; `_headers` itself is never served.
// tests/page/page.test.mjs checks these answers against `wrangler dev` (Miniflare's own
// assets implementation) too, so this stand-in cannot drift unnoticed.

const TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json',
  wasm: 'application/wasm',
  svg: 'image/svg+xml',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8'
}

// `_headers`: [{ pattern: RegExp, headers: [[name, value]] }], read once per isolate.
let rules
async function headerRules (env) {
  if (rules) return rules
  rules = []
  const res = await env.ASSETS.fetch('http://assets/_headers')
  if (!res.ok) return rules
  let current = null
  for (const line of (await res.text()).split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue
    if (!/^\s/.test(line)) {
      const source = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
      current = { pattern: new RegExp(`^${source}$`), headers: [] }
      rules.push(current)
    } else if (current) {
      const i = line.indexOf(':')
      if (i > 0) current.headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()])
    }
  }
  return rules
}

async function etagOf (bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export default {
  async fetch (request, env) {
    const url = new URL(request.url)
    const path = url.pathname
    if (path.endsWith('/index.html') && ['GET', 'HEAD'].includes(request.method)) {
      return new Response(null, { status: 307, headers: { Location: path.slice(0, -'index.html'.length) + url.search } })
    }
    const file = path.endsWith('/') ? path + 'index.html' : path
    const name = file.split('/').pop()
    if (name !== '_headers' && !file.split('/').includes('..')) {
      const asset = await env.ASSETS.fetch('http://assets' + file)
      if (asset.ok) {
        if (!['GET', 'HEAD'].includes(request.method)) return new Response(null, { status: 405 })
        const bytes = await asset.arrayBuffer()
        const headers = new Headers()
        const ext = name.includes('.') ? name.split('.').pop() : ''
        if (TYPES[ext]) headers.set('Content-Type', TYPES[ext])
        headers.set('Cache-Control', 'public, max-age=0, must-revalidate') // the platform's default
        const etag = `"${await etagOf(bytes)}"`
        headers.set('ETag', etag)
        const custom = new Map()
        for (const rule of await headerRules(env)) {
          if (!rule.pattern.test(path)) continue
          for (const [n, v] of rule.headers) {
            const key = n.toLowerCase()
            custom.set(key, custom.has(key) ? `${custom.get(key)}, ${v}` : v)
          }
        }
        for (const [n, v] of custom) headers.set(n, v)
        const inm = request.headers.get('If-None-Match')
        if (inm === etag || inm === `W/${etag}`) return new Response(null, { status: 304, headers })
        return new Response(request.method === 'HEAD' ? null : bytes, { status: 200, headers })
      }
    }
    return env.WORKER.fetch(request)
  }
}
