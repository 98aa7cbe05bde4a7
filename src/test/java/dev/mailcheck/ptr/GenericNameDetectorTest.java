package dev.mailcheck.ptr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericNameDetectorTest {
  private final GenericNameDetector detector = GenericNameDetector.bundled();

  @ParameterizedTest
  @CsvSource({
      "203-0-113-45.dyn.isp.example, 203.0.113.45, address",
      "45.113.0.203.broadband.isp.example, 203.0.113.45, address",
      "host203x0x113x45.isp.example, 203.0.113.45, address",
      "cb00712d.isp.example, 203.0.113.45, address",
      "dsl-pool-7.isp.example, 203.0.113.45, dsl",
      "ppp-12.isp.example, 203.0.113.45, ppp",
      "customer-5566.isp.example, 203.0.113.45, customer",
      "Dynamic-77.ISP.example, 203.0.113.45, dynamic",
  })
  void genericNames(String name, String ip, String reason) throws Exception {
    assertEquals(reason, detector.reason(name, InetAddress.getByName(ip)));
  }

  @ParameterizedTest
  @CsvSource({
      "mail.example.com, 203.0.113.45",
      "smtp1.example.com, 203.0.113.45",
      "mx.dynamic.example, 203.0.113.45",
      "mailhost.example.com, 203.0.113.45",
      "mail.example.co.kr, 203.0.113.45",
      "out203.example.com, 203.0.113.45",
      "host1.company.example, 203.0.113.45",
      "mail1234.example.com, 1.2.3.4",
      "static.example.com, 203.0.113.45",
      "dsl.isp.example, 203.0.113.45",
      "home2.example.com, 203.0.113.45",
  })
  void mailServerNames(String name, String ip) throws Exception {
    assertNull(detector.reason(name, InetAddress.getByName(ip)));
  }
}
