package dev.mailcheck.dns.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A whole DNS world in memory: records for any names, answered as if every zone were served
 * authoritatively, plus faults and latency injected per name. Used by tests and by the offline demo.
 *
 * <p>Answers follow RFC 1034 §4.3.2: records of the asked type; a CNAME at the name is returned and
 * followed inside the world; a name that owns other records, or that has descendants (an empty
 * non-terminal, RFC 8020), answers NODATA; wildcards ({@code *.zone}) match names that do not exist
 * (RFC 4592); anything else is NXDOMAIN, also at the end of a CNAME chain (RFC 6604 §3).
 */
public final class DnsWorld {
  private final Map<Name, List<Record>> byName = new ConcurrentHashMap<>();
  private final Set<Name> existing = ConcurrentHashMap.newKeySet();
  private final List<FaultRule> faults = new CopyOnWriteArrayList<>();
  private final Map<Name, Duration> nameLatency = new ConcurrentHashMap<>();
  private volatile Duration latency = Duration.ZERO;

  private record FaultRule(Predicate<Name> names, int type, Fault fault) {}

  /** Adds one record. */
  public DnsWorld add(Record record) {
    Name name = record.getName();
    byName.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(record);
    for (Name n = name; n.labels() > 1; n = new Name(n, 1)) {
      existing.add(n);
    }
    return this;
  }

  /** Adds records written in master-file syntax (RFC 1035 §5), relative names taken from {@code origin}. */
  public DnsWorld zone(String origin, String masterText) {
    try (Master master = new Master(
        new ByteArrayInputStream(masterText.getBytes(StandardCharsets.UTF_8)), Name.fromString(origin, Name.root), 300)) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        add(r);
      }
      return this;
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad zone data for " + origin + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds records in master-file syntax with absolute names (each line names its owner). */
  public DnsWorld records(String masterText) {
    return zone(".", masterText);
  }

  /** Every answer is delayed by this much (both transports). */
  public DnsWorld latency(Duration d) {
    this.latency = d;
    return this;
  }

  /** Answers for this name are delayed by this much instead of the world's latency. */
  public DnsWorld latency(String name, Duration d) {
    nameLatency.put(name(name), d);
    return this;
  }

  /** Questions for this name, of any type, show the fault. */
  public DnsWorld fault(String name, Fault fault) {
    Name n = name(name);
    faults.add(new FaultRule(n::equals, -1, fault));
    return this;
  }

  /** Questions for this name and type show the fault. */
  public DnsWorld fault(String name, int type, Fault fault) {
    Name n = name(name);
    faults.add(new FaultRule(n::equals, type, fault));
    return this;
  }

  /** Questions for every name the predicate accepts show the fault. */
  public DnsWorld fault(Predicate<Name> names, Fault fault) {
    faults.add(new FaultRule(names, -1, fault));
    return this;
  }

  Fault faultFor(Name name, int type) {
    for (FaultRule rule : faults) {
      if ((rule.type < 0 || rule.type == type) && rule.names.test(name)) {
        return rule.fault;
      }
    }
    return null;
  }

  Duration latencyFor(Name name) {
    return nameLatency.getOrDefault(name, latency);
  }

  /** Builds the full (untruncated) response to a query, ignoring faults. */
  Message answer(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    response.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    Record question = query.getQuestion();
    if (question == null) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return response;
    }
    response.addRecord(question, Section.QUESTION);
    if (question.getDClass() != DClass.IN) {
      response.getHeader().setRcode(Rcode.REFUSED);
      return response;
    }
    Name name = question.getName();
    int type = question.getType();
    for (int hops = 0; hops < 10; hops++) {
      List<Record> owned = recordsAt(name);
      if (owned == null) {
        // Also at the end of a CNAME chain: the RCODE speaks of the last name (RFC 6604 §3).
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        return response;
      }
      List<Record> matching = new ArrayList<>();
      Record cname = null;
      for (Record r : owned) {
        if (r.getType() == type || type == Type.ANY) {
          matching.add(r);
        } else if (r.getType() == Type.CNAME) {
          cname = r;
        }
      }
      if (!matching.isEmpty() || cname == null) {
        matching.forEach(r -> response.addRecord(r, Section.ANSWER));
        signatures(owned, type).forEach(r -> response.addRecord(r, Section.ANSWER));
        if (matching.isEmpty()) {
          // NODATA in a signed zone: the NSEC at the name proves it (RFC 4035 §3.1.3.1).
          for (Record r : owned) {
            if (r.getType() == Type.NSEC) {
              response.addRecord(r, Section.AUTHORITY);
            }
          }
          signatures(owned, Type.NSEC).forEach(r -> response.addRecord(r, Section.AUTHORITY));
        }
        return response;
      }
      response.addRecord(cname, Section.ANSWER);
      signatures(owned, Type.CNAME).forEach(r -> response.addRecord(r, Section.ANSWER));
      name = ((org.xbill.DNS.CNAMERecord) cname).getTarget();
    }
    return response;
  }

  /** The RRSIGs among the records that cover the type (none when RRSIGs themselves were asked for). */
  private static List<Record> signatures(List<Record> owned, int type) {
    List<Record> out = new ArrayList<>();
    if (type == Type.RRSIG || type == Type.ANY) {
      return out;
    }
    for (Record r : owned) {
      if (r instanceof org.xbill.DNS.RRSIGRecord sig && sig.getTypeCovered() == type) {
        out.add(r);
      }
    }
    return out;
  }

  /** Every record of the world (a copy), e.g. for signing its zones. */
  public List<Record> records() {
    List<Record> out = new ArrayList<>();
    byName.values().forEach(out::addAll);
    return out;
  }

  /** Records owned by the name (wildcard-synthesised if needed); empty for an empty non-terminal; null if none exist. */
  private List<Record> recordsAt(Name name) {
    List<Record> own = byName.get(name);
    if (own != null) {
      return own;
    }
    if (existing.contains(name)) {
      return List.of();
    }
    // Only the closest encloser's wildcard may answer (RFC 4592 §3.3.1); it can be an empty non-terminal.
    for (Name parent = name; parent.labels() > 1; ) {
      parent = new Name(parent, 1);
      Name w = wildcard(parent);
      List<Record> wild = w == null ? null : byName.get(w);
      if (wild != null) {
        List<Record> synthesised = new ArrayList<>(wild.size());
        for (Record r : wild) {
          synthesised.add(r.withName(name));
        }
        return synthesised;
      }
      if (existing.contains(parent)) {
        // The closest encloser exists and has no wildcard: the name does not exist.
        return null;
      }
    }
    return null;
  }

  private static Name wildcard(Name parent) {
    try {
      return Name.concatenate(Name.fromConstantString("*"), parent);
    } catch (org.xbill.DNS.NameTooLongException e) {
      return null;
    }
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
