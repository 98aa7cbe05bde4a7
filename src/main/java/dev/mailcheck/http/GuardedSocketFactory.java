package dev.mailcheck.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * The last line of the SSRF guard: every socket OkHttp opens checks the address it connects to,
 * whatever produced it (an IP literal in a URL, which OkHttp does not pass through {@link
 * okhttp3.Dns}, or a redirect to one). TLS is layered on these sockets, so HTTPS is covered too.
 */
final class GuardedSocketFactory extends SocketFactory {
  private final AddressGuard guard;

  GuardedSocketFactory(AddressGuard guard) {
    this.guard = guard;
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (endpoint instanceof InetSocketAddress isa && isa.getAddress() != null) {
          guard.check(isa.getHostString(), isa.getAddress());
        }
        super.connect(endpoint, timeout);
      }
    };
  }

  // Names are resolved by GuardedDns only: a factory method that would ask the system resolver
  // is refused rather than quietly bypassing the run's resolvers.
  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw new SocketException("connect to a resolved address, not to the name " + host);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    throw new SocketException("connect to a resolved address, not to the name " + host);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return connected(new InetSocketAddress(address, port));
  }

  private Socket connected(InetSocketAddress to) throws IOException {
    Socket s = createSocket();
    s.connect(to, 0);
    return s;
  }
}
