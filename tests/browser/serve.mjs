// A static file server for the tests and the benchmark: serves a folder on
// 127.0.0.1 the way a static host does — index.html for folders, text
// (HTML, JS, CSS, JSON, XML) gzip-compressed when the client accepts it,
// other files (WASM, Pagefind's pre-compressed chunks) as they are — and
// counts the bytes of every response body it sends.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".xml": "application/xml", ".ics": "text/calendar",
  ".svg": "image/svg+xml", ".wasm": "application/wasm", ".png": "image/png",
};
const TEXT = /^(text\/|application\/(json|xml)|image\/svg)/;

// serve starts a server on 127.0.0.1 (port 0: any free port) for root.
// It resolves to {server, url, log}; log holds {path, bytes} per response.
// With notFound (a file under root, e.g. "network/404.html"), a missing
// path gets that page with status 404, as GitHub Pages or Netlify serve a
// site's 404.html; without it, a plain-text "not found".
export function serve(root, port = 0, { notFound } = {}) {
  const log = [];
  const gzipCache = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let rel = decodeURIComponent(url.pathname);
    let file = path.join(root, rel);
    if (!file.startsWith(path.resolve(root))) { res.writeHead(403).end(); return; }
    try {
      if (fs.statSync(file).isDirectory()) {
        if (!rel.endsWith("/")) { res.writeHead(301, { Location: rel + "/" + url.search }).end(); return; }
        file = path.join(file, "index.html");
      }
      let body = fs.readFileSync(file);
      const type = TYPES[path.extname(file)] || "application/octet-stream";
      // The tests' own scripts (axe-core under /__tests/) may be cached, so
      // that Chromium compiles them once rather than on every page.
      const headers = { "Content-Type": type, "Cache-Control": rel.startsWith("/__tests/") ? "max-age=3600" : "no-cache" };
      if (TEXT.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
        let gz = gzipCache.get(file);
        if (!gz) gzipCache.set(file, (gz = zlib.gzipSync(body, { level: 9 })));
        body = gz;
        headers["Content-Encoding"] = "gzip";
      }
      headers["Content-Length"] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
      log.push({ path: url.pathname, bytes: body.length });
    } catch {
      let body = notFound && fs.existsSync(path.join(root, notFound)) ? fs.readFileSync(path.join(root, notFound)) : null;
      if (!body) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        log.push({ path: url.pathname, bytes: 0, status: 404 });
        return;
      }
      const headers = { "Content-Type": TYPES[".html"], "Cache-Control": "no-cache" };
      if (/\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
        body = zlib.gzipSync(body, { level: 9 });
        headers["Content-Encoding"] = "gzip";
      }
      headers["Content-Length"] = body.length;
      res.writeHead(404, headers);
      res.end(req.method === "HEAD" ? undefined : body);
      log.push({ path: url.pathname, bytes: body.length, status: 404 });
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}`, port: server.address().port, log }));
  });
}

// Run alone: node serve.mjs DIR [PORT]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serve(process.argv[2] || ".", Number(process.argv[3] || 8000));
  console.log(`serving ${process.argv[2] || "."} at ${url}/`);
}
