// The floor of benches/worker/bench.mjs: a JS Worker that answers every request with the same
// small JSON, to show the runtime's own cost per request.
const BODY = '{"token":"007floor"}'

export default {
  fetch () {
    return new Response(BODY, { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } })
  }
}
