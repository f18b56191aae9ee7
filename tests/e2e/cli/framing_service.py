#!/usr/bin/python3
"""A CDS service on 127.0.0.1 whose answers are framed in each way HTTP/1.x allows, for
tst_cli_bench: bench's load client must read every one of them and reuse only the connections
that may be reused. Prints {"discovery": URL} on one line, then serves until stdin closes.

Services (all patient-view, each answering {"cards": []}):
  content-length  HTTP/1.1, Content-Length, keep-alive
  chunked         HTTP/1.1, chunked in three chunks (one with an extension) and a trailer
  close           HTTP/1.1, Content-Length, then Connection: close
  http10          HTTP/1.0, no length: the body ends with the connection
  interim         HTTP/1.1, a 100 Continue before the answer
  silent-close    HTTP/1.1, Content-Length, keep-alive promised, then the socket closed: the
                  client's next request on it meets the close and must go again on a new one
And answers that are errors: not-http (no status line), truncated (the connection closes
half-way through the body), bad-chunk (a chunk size that is not hex).
"""
import http.server
import json
import sys
import threading

BODY = b'{"cards": []}'
MODES = ["content-length", "chunked", "close", "http10", "interim", "silent-close", "not-http",
         "truncated", "bad-chunk"]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path != "/cds-services":
            self.send_error(404)
            return
        services = [{"id": m, "hook": "patient-view", "title": m, "description": "framing: " + m}
                    for m in MODES]
        body = json.dumps({"services": services}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        mode = self.path.rsplit("/", 1)[-1]
        w = self.wfile.write
        if mode == "content-length":
            w(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
              % len(BODY) + BODY)
        elif mode == "chunked":
            w(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            w(b"3\r\n" + BODY[:3] + b"\r\n")
            w(b"4;note=split\r\n" + BODY[3:7] + b"\r\n")
            w(b"%x\r\n" % len(BODY[7:]) + BODY[7:] + b"\r\n")
            w(b"0\r\nX-Trailer: yes\r\n\r\n")
        elif mode == "close":
            w(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
              b"Connection: close\r\n\r\n" % len(BODY) + BODY)
            self.close_connection = True
        elif mode == "http10":
            w(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + BODY)
            self.close_connection = True
        elif mode == "interim":
            w(b"HTTP/1.1 100 Continue\r\n\r\n")
            w(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
              % len(BODY) + BODY)
        elif mode == "silent-close":
            w(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
              % len(BODY) + BODY)
            self.wfile.flush()
            self.close_connection = True
        elif mode == "not-http":
            w(b"SSH-2.0-OpenSSH_9.2\r\n\r\n")
            self.close_connection = True
        elif mode == "truncated":
            w(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
              + BODY)
            self.close_connection = True
        elif mode == "bad-chunk":
            w(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + BODY + b"\r\n0\r\n\r\n")
        else:
            self.send_error(404)
            return
        self.wfile.flush()


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"discovery": "http://127.0.0.1:%d/cds-services" % server.server_address[1]}),
          flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
