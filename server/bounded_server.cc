#include "server/bounded_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

namespace nsearch::server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Follows one request's bytes as cpp-httplib takes them and stops them at a limit. The parser
// reads the request line and headers one byte at a time (detail::stream_line_reader), so the
// meter knows exactly where the headers end: at the first line after the request line that is
// just "\r\n", the rule of detail::read_headers. Not thread-safe.
class RequestMeter {
 public:
  explicit RequestMeter(const RequestLimits& limits) : limits_(&limits) {}

  // Accounts for the first bytes of `bytes` handed to the parser and returns how many it may
  // take: all, or fewer once a limit is hit (hit() then says which).
  size_t Admit(std::string_view bytes) {
    size_t taken = 0;
    while (taken < bytes.size() && in_headers_ && hit_ == RequestLimitHit::kNone) {
      if (header_bytes_ == limits_->max_header_bytes) {
        hit_ = RequestLimitHit::kHeaderBytes;
        return taken;
      }
      ++header_bytes_;
      if (!HeaderByte(bytes[taken]))
        return taken;
      ++taken;
    }
    if (hit_ != RequestLimitHit::kNone || taken == bytes.size())
      return taken;
    if (refuse_body_) {
      hit_ = RequestLimitHit::kBodyEncoding;
      return taken;
    }
    const size_t body = std::min(bytes.size() - taken, limits_->max_body_bytes - body_bytes_);
    body_bytes_ += body;
    if (body < bytes.size() - taken)
      hit_ = RequestLimitHit::kBodyBytes;
    return taken + body;
  }

  RequestLimitHit hit() const { return hit_; }
  void set_hit(RequestLimitHit hit) { hit_ = hit; }

 private:
  // Enough of a header line to recognize "Content-Encoding: identity".
  static constexpr size_t kLineStart = 40;

  // Takes one byte of the request line or headers; false (with hit_ set) if it breaks a limit.
  bool HeaderByte(char c) {
    if (line_.size() < kLineStart)
      line_.push_back(c);
    ++line_bytes_;
    if (c != '\n')
      return true;
    const bool request_line = !request_line_seen_;
    request_line_seen_ = true;
    const bool blank = line_bytes_ == 2 && line_[0] == '\r';
    const bool truncated = line_.size() < line_bytes_;
    std::string line;
    line.swap(line_);
    line_bytes_ = 0;
    if (request_line)
      return true;
    if (blank) {
      in_headers_ = false;
      return true;
    }
    if (++headers_ > limits_->max_headers) {
      hit_ = RequestLimitHit::kHeaderCount;
      return false;
    }
    if (RefusesBody(line, truncated))
      refuse_body_ = true;
    return true;
  }

  // True for a Content-Encoding header other than identity: cpp-httplib would inflate such a
  // body with no bound on the result (an 8 MiB gzip body can inflate to gigabytes).
  static bool RefusesBody(std::string_view line, bool truncated) {
    constexpr std::string_view kName = "content-encoding:";
    if (line.size() < kName.size() || strncasecmp(line.data(), kName.data(), kName.size()) != 0)
      return false;
    if (truncated)
      return true;
    std::string_view value = line.substr(kName.size());
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!value.empty() && space(value.front())) value.remove_prefix(1);
    while (!value.empty() && space(value.back())) value.remove_suffix(1);
    return !value.empty() && !(value.size() == 8 && strncasecmp(value.data(), "identity", 8) == 0);
  }

  const RequestLimits* limits_;
  RequestLimitHit hit_ = RequestLimitHit::kNone;
  bool in_headers_ = true;
  bool request_line_seen_ = false;
  bool refuse_body_ = false;
  size_t header_bytes_ = 0;
  size_t headers_ = 0;
  size_t body_bytes_ = 0;
  std::string line_;  // the first kLineStart bytes of the current line
  size_t line_bytes_ = 0;
};

// A connection's bytes, handed to cpp-httplib through a RequestMeter. Not thread-safe.
class MeteredStream : public httplib::Stream {
 public:
  explicit MeteredStream(const RequestLimits& limits) : limits_(limits), meter_(limits) {}

  // Starts metering the next request.
  void StartRequest() { meter_ = RequestMeter(limits_); }
  RequestLimitHit hit() const { return meter_.hit(); }

  ssize_t read(char* ptr, size_t size) final {
    if (meter_.hit() != RequestLimitHit::kNone)
      return 0;  // the request's input ends at a limit
    if (pending_.empty()) {
      const ssize_t n = Fill();
      if (n <= 0)
        return n;
    }
    const size_t take = meter_.Admit(pending_.substr(0, size));
    std::memcpy(ptr, pending_.data(), take);
    pending_.remove_prefix(take);
    return static_cast<ssize_t>(take);
  }

 protected:
  // Sets pending_ to the next bytes of the source; returns their count, 0 at its end, -1 on an
  // error or timeout.
  virtual ssize_t Fill() = 0;

  const RequestLimits& limits_;
  RequestMeter meter_;
  std::string_view pending_;  // read from the source, not yet taken by the parser
};

// The stream of BoundedServer::ServeBytes: a request in memory, the response into a string.
class MemoryStream final : public MeteredStream {
 public:
  MemoryStream(const RequestLimits& limits, std::string_view request) : MeteredStream(limits) {
    pending_ = request;
  }
  std::string& output() { return output_; }

  bool is_readable() const override { return !pending_.empty(); }
  bool is_writable() const override { return true; }
  ssize_t write(const char* ptr, size_t size) override {
    output_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "memory";
    port = 0;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "memory";
    port = 0;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

 private:
  ssize_t Fill() override { return 0; }
  std::string output_;
};

// poll() on one socket for `events`, retrying when interrupted: >0 ready, 0 timed out, <0 error.
int PollFor(socket_t sock, short events, milliseconds timeout) {
  pollfd fd{sock, events, 0};
  const auto until = Clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
    const int ready = ::poll(&fd, 1, static_cast<int>(std::max<int64_t>(left.count(), 0)));
    if (ready >= 0 || errno != EINTR)
      return ready;
  }
}

void SocketAddress(socket_t sock, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  ip.clear();
  port = 0;
  if ((peer ? ::getpeername(sock, sa, &len) : ::getsockname(sock, sa, &len)) != 0)
    return;
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
    port = ntohs(in6->sin6_port);
  }
  ip = text;
}

// One end's address of a connection, looked up on first use. A failed lookup (the peer is
// already gone) is kept too, as the empty address and port 0 that it gives.
class CachedAddress {
 public:
  void Get(socket_t sock, bool peer, std::string& ip, int& port) {
    if (!known_) {
      SocketAddress(sock, peer, ip_, port_);
      known_ = true;
    }
    ip = ip_;
    port = port_;
  }

 private:
  bool known_ = false;
  std::string ip_;
  int port_ = 0;
};

// An accepted connection. Each read waits at most the read timeout, and no longer than the
// request's receive deadline. A send that finds the socket buffer full waits at most the write
// timeout for room, each time (so a client that reads slowly but steadily is not cut off).
class SocketStream final : public MeteredStream {
 public:
  SocketStream(socket_t sock, const RequestLimits& limits, milliseconds read_timeout,
               milliseconds write_timeout)
      : MeteredStream(limits),
        sock_(sock),
        read_timeout_(read_timeout),
        write_timeout_(write_timeout) {}

  // Waits up to `timeout` for the first bytes of a request; false if none came, the peer left,
  // or the server stopped (`listening` closed).
  bool WaitForRequest(milliseconds timeout, const std::atomic<socket_t>& listening) {
    if (!pending_.empty())
      return true;
    // Slices keep Stop() from waiting for idle keep-alive connections.
    constexpr milliseconds kSlice{100};
    const auto until = Clock::now() + timeout;
    while (listening != INVALID_SOCKET) {
      const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
      if (left.count() <= 0)
        return false;
      const int ready = PollFor(sock_, POLLIN, std::min(left, kSlice));
      if (ready != 0)
        return ready > 0;
    }
    return false;
  }

  void StartRequest() {
    MeteredStream::StartRequest();
    deadline_ = Clock::now() + limits_.max_receive_time;
  }

  bool is_readable() const override {
    return !pending_.empty() || PollFor(sock_, POLLIN, read_timeout_) > 0;
  }
  bool is_writable() const override { return PollFor(sock_, POLLOUT, write_timeout_) > 0; }
  // Buffers what cpp-httplib writes (a response's headers and its body come as separate writes)
  // so that a response goes out in one send(), not one poll() and send() per piece. Flush()
  // sends it; so does the next read, for a response the client waits for before it sends more
  // (100 Continue). Pieces over kMaxBuffered go out at once.
  ssize_t write(const char* ptr, size_t size) override {
    if (out_.size() + size > kMaxBuffered && !Flush())
      return -1;
    if (size >= kMaxBuffered)
      return SendAll(ptr, size) ? static_cast<ssize_t>(size) : -1;
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }

  // Sends what write() buffered; false if the peer is gone or a send waited over the write
  // timeout.
  bool Flush() {
    const bool ok = SendAll(out_.data(), out_.size());
    out_.clear();  // its capacity stays under 2 * kMaxBuffered: write() never appends past it
    return ok;
  }
  // cpp-httplib asks for both addresses on every request; a connection's never change, so each
  // is looked up once (two system calls and a conversion to text saved per request).
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    remote_.Get(sock_, /*peer=*/true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    local_.Get(sock_, /*peer=*/false, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  static constexpr size_t kMaxBuffered = 64u << 10;

  // Sends data[0, size), waiting up to the write timeout whenever the socket buffer is full.
  bool SendAll(const char* data, size_t size) {
    while (size > 0) {
      const ssize_t n = ::send(sock_, data, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        data += n;
        size -= static_cast<size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
                 PollFor(sock_, POLLOUT, write_timeout_) > 0) {
        continue;
      } else {
        return false;
      }
    }
    return true;
  }

  // Bytes already in the socket are taken at once; poll() only when there are none yet.
  ssize_t Fill() override {
    if (!out_.empty() && !Flush())
      return -1;
    const auto left = std::chrono::duration_cast<milliseconds>(deadline_ - Clock::now());
    if (left.count() > 0) {
      const ssize_t n = Receive(MSG_DONTWAIT);
      if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
        return n;
    }
    const int ready = left.count() > 0 ? PollFor(sock_, POLLIN, std::min(left, read_timeout_)) : 0;
    if (ready == 0 && left <= read_timeout_) {
      meter_.set_hit(RequestLimitHit::kReceiveTime);
      return 0;
    }
    if (ready <= 0)
      return -1;
    return Receive(0);
  }

  // recv() into buffer_, setting pending_; as recv(), retried when interrupted.
  ssize_t Receive(int flags) {
    for (;;) {
      const ssize_t n = ::recv(sock_, buffer_, sizeof buffer_, flags);
      if (n > 0)
        pending_ = std::string_view(buffer_, static_cast<size_t>(n));
      if (n >= 0 || errno != EINTR)
        return n;
    }
  }

  const socket_t sock_;
  const milliseconds read_timeout_;
  const milliseconds write_timeout_;
  Clock::time_point deadline_;
  // The parser asks for one byte at a time while reading headers; this saves a syscall each.
  char buffer_[4096];
  std::string out_;  // written, not yet sent (see write)
  mutable CachedAddress remote_;
  mutable CachedAddress local_;
};

// The stream of the request being answered on this thread.
thread_local const MeteredStream* active_stream = nullptr;

class ActiveStream {
 public:
  explicit ActiveStream(const MeteredStream* stream) : previous_(active_stream) {
    active_stream = stream;
  }
  ~ActiveStream() { active_stream = previous_; }
  ActiveStream(const ActiveStream&) = delete;
  ActiveStream& operator=(const ActiveStream&) = delete;

 private:
  const MeteredStream* previous_;
};

// Closes a connection whose request was cut at a limit. Its unread bytes would make close() send
// a reset, which can destroy the error response before the client reads it; so stop sending,
// then read and drop what the client still sends, for a bounded time and size (nginx's
// lingering close).
void LingeringClose(socket_t sock) {
  ::shutdown(sock, SHUT_WR);
  constexpr size_t kMaxDrainBytes = 1u << 20;
  const auto until = Clock::now() + milliseconds(1000);
  char buffer[4096];
  for (size_t drained = 0; drained < kMaxDrainBytes;) {
    const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
    if (left.count() <= 0 || PollFor(sock, POLLIN, left) <= 0)
      break;
    const ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
    if (n <= 0)
      break;
    drained += static_cast<size_t>(n);
  }
  ::close(sock);
}

milliseconds ToMilliseconds(time_t sec, time_t usec) {
  return milliseconds(static_cast<int64_t>(sec) * 1000 + static_cast<int64_t>(usec) / 1000);
}

}  // namespace

std::string BoundedServer::ServeBytes(std::string_view request) {
  MemoryStream stream(limits_, request);
  const ActiveStream active(&stream);
  bool closed = false;
  (void)process_request(stream, /*close_connection=*/true, closed, nullptr);
  return std::move(stream.output());
}

RequestLimitHit BoundedServer::CurrentLimitHit() {
  return active_stream != nullptr ? active_stream->hit() : RequestLimitHit::kNone;
}

bool BoundedServer::process_and_close_socket(socket_t sock) {
  SocketStream stream(sock, limits_, ToMilliseconds(read_timeout_sec_, read_timeout_usec_),
                      ToMilliseconds(write_timeout_sec_, write_timeout_usec_));
  bool ok = false;
  // The same keep-alive rules as cpp-httplib's detail::process_server_socket.
  for (size_t served = 0; served < keep_alive_max_count_; ++served) {
    if (!stream.WaitForRequest(std::chrono::seconds(keep_alive_timeout_sec_), svr_sock_))
      break;
    stream.StartRequest();
    bool closed = false;
    {
      const ActiveStream active(&stream);
      ok = process_request(stream, /*close_connection=*/served + 1 == keep_alive_max_count_, closed,
                           nullptr);
    }
    if (!stream.Flush())
      ok = false;
    // After a limit the rest of the request is still on the wire: no way to find the next one.
    if (!ok || closed || stream.hit() != RequestLimitHit::kNone)
      break;
  }
  if (stream.hit() != RequestLimitHit::kNone) {
    LingeringClose(sock);
  } else {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }
  return ok;
}

}  // namespace nsearch::server
