//! A small DNS stub resolver (RFC 1035, NAPTR per RFC 3403): one question per query over
//! UDP, retried on timeout, repeated over TCP when the answer is truncated. It asks one
//! recursive server (`--resolver`, or the first `nameserver` of /etc/resolv.conf) and
//! trusts its answer; DNSSEC is not checked — the SMP record's signature is what grants
//! trust, DNS only says where to look.
//!
//! The answer parser takes bytes from the network: every read is bounds-checked,
//! compression pointers may only point backwards and are followed a bounded number of
//! times, and any inconsistency is a `DnsError::Malformed`, never a panic.

use core::fmt;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use core::time::Duration;
use std::io::{Read, Write};
use std::net::{TcpStream, UdpSocket};
use std::time::Instant;

/// Record types this client asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RecordType {
    A,
    Aaaa,
    Naptr,
}

impl RecordType {
    pub(crate) fn code(self) -> u16 {
        match self {
            RecordType::A => 1,
            RecordType::Aaaa => 28,
            RecordType::Naptr => 35,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            RecordType::A => "A",
            RecordType::Aaaa => "AAAA",
            RecordType::Naptr => "NAPTR",
        }
    }
}

/// A NAPTR record's data (RFC 3403 §4.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Naptr {
    pub(crate) order: u16,
    pub(crate) preference: u16,
    pub(crate) flags: String,
    pub(crate) service: String,
    pub(crate) regexp: String,
    pub(crate) replacement: String,
}

/// The data of one answer record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Rdata {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Cname(String),
    Naptr(Naptr),
    /// A type this client does not read.
    Other(u16),
}

/// One record of the answer section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) name: String,
    pub(crate) data: Rdata,
}

/// A parsed response message (header and answer section; authority and additional
/// sections are not read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Response {
    pub(crate) id: u16,
    pub(crate) rcode: u8,
    pub(crate) truncated: bool,
    pub(crate) question: Option<(String, u16)>,
    pub(crate) answers: Vec<Record>,
}

/// What the server said about a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    /// The answer section (may hold CNAMEs leading to the records asked for).
    Records(Vec<Record>),
    /// The name exists but has no record of the type asked for (NOERROR, empty answer).
    NoData,
    /// The name does not exist (RCODE 3).
    NxDomain,
}

/// Why a query got no usable answer.
#[derive(Debug)]
pub(crate) enum DnsError {
    /// No answer from the server after every attempt.
    Timeout { server: SocketAddr, attempts: u32 },
    /// The server answered with an error RCODE (SERVFAIL, REFUSED, …).
    Server { rcode: u8 },
    /// A socket error.
    Network(std::io::Error),
    /// The answer is not a well-formed DNS message.
    Malformed(&'static str),
    /// The name cannot be put in a query (empty label, label over 63 or name over 255
    /// bytes).
    BadName(String),
}

impl fmt::Display for DnsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DnsError::Timeout { server, attempts } => write!(
                f,
                "no answer from the DNS server {server} after {attempts} attempts; check --resolver and the network"
            ),
            DnsError::Server { rcode } => write!(
                f,
                "the DNS server answered {} (RCODE {rcode}); it could not resolve the name",
                rcode_name(*rcode)
            ),
            DnsError::Network(e) => write!(f, "DNS network error: {e}"),
            DnsError::Malformed(what) => write!(f, "malformed DNS answer: {what}"),
            DnsError::BadName(name) => write!(f, "{name:?} is not a valid DNS name"),
        }
    }
}

fn rcode_name(rcode: u8) -> &'static str {
    match rcode {
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        _ => "an error",
    }
}

/// A stub resolver asking one server.
#[derive(Clone, Debug)]
pub(crate) struct Resolver {
    pub(crate) server: SocketAddr,
    /// How long to wait for each UDP attempt.
    pub(crate) timeout: Duration,
    /// How many UDP attempts before giving up.
    pub(crate) attempts: u32,
}

impl Resolver {
    pub(crate) fn new(server: SocketAddr) -> Self {
        Resolver {
            server,
            timeout: Duration::from_secs(2),
            attempts: 3,
        }
    }

    /// Asks for `rtype` records of `name`.
    pub(crate) fn query(&self, name: &str, rtype: RecordType) -> Result<Answer, DnsError> {
        let id = query_id();
        let query = build_query(id, name, rtype.code())?;
        let mut response = self.exchange_udp(&query, id, name, rtype.code())?;
        if response.truncated {
            response = self.exchange_tcp(&query, id, name, rtype.code())?;
        }
        match response.rcode {
            0 if response.answers.is_empty() => Ok(Answer::NoData),
            0 => Ok(Answer::Records(response.answers)),
            // A CNAME whose target does not exist still proves the name exists.
            3 if response.answers.is_empty() => Ok(Answer::NxDomain),
            3 => Ok(Answer::Records(response.answers)),
            rcode => Err(DnsError::Server { rcode }),
        }
    }

    fn exchange_udp(
        &self,
        query: &[u8],
        id: u16,
        name: &str,
        qtype: u16,
    ) -> Result<Response, DnsError> {
        let local: SocketAddr = match self.server {
            SocketAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
            SocketAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
        };
        let socket = UdpSocket::bind(local).map_err(DnsError::Network)?;
        socket.connect(self.server).map_err(DnsError::Network)?;
        let mut buf = [0u8; 4096];
        for _ in 0..self.attempts {
            socket.send(query).map_err(DnsError::Network)?;
            let deadline = Instant::now() + self.timeout;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                socket
                    .set_read_timeout(Some(left))
                    .map_err(DnsError::Network)?;
                match socket.recv(&mut buf) {
                    Ok(n) => {
                        // Anything that is not the answer to this question (a late answer to an
                        // earlier attempt, a spoofing attempt, garbage) is dropped.
                        if let Ok(r) = parse_response(&buf[..n]) {
                            if answers(&r, id, name, qtype) {
                                return Ok(r);
                            }
                        }
                    }
                    Err(e)
                        if matches!(
                            e.kind(),
                            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                        ) =>
                    {
                        break
                    }
                    // ICMP port unreachable: nothing listens there; try again, as a server
                    // being restarted looks the same.
                    Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                        std::thread::sleep(left.min(self.timeout / 4));
                        break;
                    }
                    Err(e) => return Err(DnsError::Network(e)),
                }
            }
        }
        Err(DnsError::Timeout {
            server: self.server,
            attempts: self.attempts,
        })
    }

    fn exchange_tcp(
        &self,
        query: &[u8],
        id: u16,
        name: &str,
        qtype: u16,
    ) -> Result<Response, DnsError> {
        let mut stream =
            TcpStream::connect_timeout(&self.server, self.timeout).map_err(DnsError::Network)?;
        stream
            .set_read_timeout(Some(self.timeout))
            .map_err(DnsError::Network)?;
        stream
            .set_write_timeout(Some(self.timeout))
            .map_err(DnsError::Network)?;
        let len = u16::try_from(query.len()).map_err(|_| DnsError::BadName(name.to_string()))?;
        let mut framed = len.to_be_bytes().to_vec();
        framed.extend_from_slice(query);
        stream.write_all(&framed).map_err(DnsError::Network)?;
        let mut len = [0u8; 2];
        stream.read_exact(&mut len).map_err(DnsError::Network)?;
        let mut msg = vec![0u8; usize::from(u16::from_be_bytes(len))];
        stream.read_exact(&mut msg).map_err(DnsError::Network)?;
        let r = parse_response(&msg)?;
        if answers(&r, id, name, qtype) {
            Ok(r)
        } else {
            Err(DnsError::Malformed(
                "the TCP answer is for another question",
            ))
        }
    }
}

fn answers(r: &Response, id: u16, name: &str, qtype: u16) -> bool {
    r.id == id
        && r.question.as_ref().is_some_and(|(n, t)| {
            *t == qtype
                && n.trim_end_matches('.')
                    .eq_ignore_ascii_case(name.trim_end_matches('.'))
        })
}

/// A query ID that is hard to guess from outside: clock nanoseconds mixed with the
/// process id and a counter (no randomness crate needed for a stub resolver that also
/// checks the question).
fn query_id() -> u16 {
    use core::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mixed = nanos
        .wrapping_mul(0x9E37_79B9)
        .wrapping_add(std::process::id().rotate_left(16))
        .wrapping_add(COUNTER.fetch_add(0x6D2B_79F5, Ordering::Relaxed));
    let [a, b, c, d] = mixed.to_be_bytes();
    u16::from_be_bytes([a ^ c, b ^ d])
}

/// A standard query with recursion desired and one question.
pub(crate) fn build_query(id: u16, name: &str, qtype: u16) -> Result<Vec<u8>, DnsError> {
    let bad = || DnsError::BadName(name.to_string());
    let mut out = Vec::with_capacity(18 + name.len());
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
    let trimmed = name.strip_suffix('.').unwrap_or(name);
    if trimmed.is_empty() || trimmed.len() > 253 {
        return Err(bad());
    }
    for label in trimmed.split('.') {
        let len = u8::try_from(label.len()).map_err(|_| bad())?;
        if len == 0 || len > 63 {
            return Err(bad());
        }
        out.push(len);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    out.extend_from_slice(&qtype.to_be_bytes());
    out.extend_from_slice(&1u16.to_be_bytes());
    Ok(out)
}

/// Reads a DNS message: header, the first question and the answer section.
pub(crate) fn parse_response(msg: &[u8]) -> Result<Response, DnsError> {
    let header = msg
        .get(..12)
        .ok_or(DnsError::Malformed("shorter than a header"))?;
    let id = u16::from_be_bytes([header[0], header[1]]);
    if header[2] & 0x80 == 0 {
        return Err(DnsError::Malformed("not a response"));
    }
    let truncated = header[2] & 0x02 != 0;
    let rcode = header[3] & 0x0F;
    let qdcount = u16::from_be_bytes([header[4], header[5]]);
    let ancount = u16::from_be_bytes([header[6], header[7]]);
    let mut pos = 12;
    let mut question = None;
    for i in 0..qdcount {
        let (name, next) = read_name(msg, pos)?;
        let qtype = read_u16(msg, next)?;
        read_u16(msg, next + 2)?;
        pos = next + 4;
        if i == 0 {
            question = Some((name, qtype));
        }
    }
    let mut answers = Vec::new();
    // A truncated message may end in the middle of the answer section.
    for _ in 0..ancount {
        match read_record(msg, pos) {
            Ok((record, next)) => {
                answers.push(record);
                pos = next;
            }
            Err(_) if truncated => break,
            Err(e) => return Err(e),
        }
    }
    Ok(Response {
        id,
        rcode,
        truncated,
        question,
        answers,
    })
}

fn read_record(msg: &[u8], pos: usize) -> Result<(Record, usize), DnsError> {
    let (name, next) = read_name(msg, pos)?;
    let rtype = read_u16(msg, next)?;
    // class (2) and TTL (4) are not used.
    let rdlength = usize::from(read_u16(msg, next + 8)?);
    let start = next + 10;
    let end = start
        .checked_add(rdlength)
        .filter(|&e| e <= msg.len())
        .ok_or(DnsError::Malformed("record data runs past the end"))?;
    let rdata = &msg[start..end];
    let data = match rtype {
        1 => {
            let b: [u8; 4] = rdata
                .try_into()
                .map_err(|_| DnsError::Malformed("A record is not 4 bytes"))?;
            Rdata::A(Ipv4Addr::from(b))
        }
        28 => {
            let b: [u8; 16] = rdata
                .try_into()
                .map_err(|_| DnsError::Malformed("AAAA record is not 16 bytes"))?;
            Rdata::Aaaa(Ipv6Addr::from(b))
        }
        5 => {
            let (target, after) = read_name(msg, start)?;
            if after != end {
                return Err(DnsError::Malformed("CNAME data length"));
            }
            Rdata::Cname(target)
        }
        35 => {
            let order = read_u16(msg, start)?;
            let preference = read_u16(msg, start + 2)?;
            let (flags, p) = read_string(msg, start + 4, end)?;
            let (service, p) = read_string(msg, p, end)?;
            let (regexp, p) = read_string(msg, p, end)?;
            let (replacement, after) = read_name(msg, p)?;
            if after != end {
                return Err(DnsError::Malformed("NAPTR data length"));
            }
            Rdata::Naptr(Naptr {
                order,
                preference,
                flags,
                service,
                regexp,
                replacement,
            })
        }
        other => Rdata::Other(other),
    };
    Ok((Record { name, data }, end))
}

fn read_u16(msg: &[u8], pos: usize) -> Result<u16, DnsError> {
    match msg.get(pos..pos.saturating_add(2)) {
        Some(&[a, b]) => Ok(u16::from_be_bytes([a, b])),
        _ => Err(DnsError::Malformed("message ends early")),
    }
}

/// A `<character-string>` (length byte, then bytes) that must end by `end`.
fn read_string(msg: &[u8], pos: usize, end: usize) -> Result<(String, usize), DnsError> {
    let len = usize::from(
        *msg.get(pos)
            .ok_or(DnsError::Malformed("message ends early"))?,
    );
    let stop = pos + 1 + len;
    if stop > end {
        return Err(DnsError::Malformed("string runs past its record"));
    }
    let text = core::str::from_utf8(&msg[pos + 1..stop])
        .map_err(|_| DnsError::Malformed("string is not UTF-8"))?;
    Ok((text.to_string(), stop))
}

/// A possibly compressed domain name at `pos`; returns it (dotted, no trailing dot, the
/// root as "") and the position after it in the record.
fn read_name(msg: &[u8], mut pos: usize) -> Result<(String, usize), DnsError> {
    let mut name = String::new();
    let mut after = None;
    let mut jumps = 0;
    loop {
        let len = *msg
            .get(pos)
            .ok_or(DnsError::Malformed("name runs past the end"))?;
        match len & 0xC0 {
            0x00 if len == 0 => {
                return Ok((name, after.unwrap_or(pos + 1)));
            }
            0x00 => {
                let label = msg
                    .get(pos + 1..pos + 1 + usize::from(len))
                    .ok_or(DnsError::Malformed("label runs past the end"))?;
                if !name.is_empty() {
                    name.push('.');
                }
                for &b in label {
                    // Names here are hostnames: anything else is escaped, never trusted.
                    if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'*' {
                        name.push(char::from(b));
                    } else {
                        name.push_str(&format!("\\{b:03}"));
                    }
                }
                if name.len() > 1024 {
                    return Err(DnsError::Malformed("name too long"));
                }
                pos += 1 + usize::from(len);
            }
            0xC0 => {
                let low = *msg
                    .get(pos + 1)
                    .ok_or(DnsError::Malformed("pointer runs past the end"))?;
                let target = usize::from(u16::from_be_bytes([len & 0x3F, low]));
                // Only backward pointers: no loops, and at most 64 jumps anyway.
                if target >= pos || jumps >= 64 {
                    return Err(DnsError::Malformed("bad compression pointer"));
                }
                jumps += 1;
                after.get_or_insert(pos + 2);
                pos = target;
            }
            _ => return Err(DnsError::Malformed("unknown label type")),
        }
    }
}

/// The records of the answer that belong to `name`: its own, and those of the names its
/// CNAME chain leads to (at most 16 links). Records for other owners, which a server has
/// no business adding, are left out.
pub(crate) fn records_for<'a>(records: &'a [Record], name: &str) -> Vec<&'a Record> {
    let same = |a: &str, b: &str| {
        a.trim_end_matches('.')
            .eq_ignore_ascii_case(b.trim_end_matches('.'))
    };
    let mut chain = vec![name.to_string()];
    for _ in 0..16 {
        let last = chain.last().map(String::as_str).unwrap_or_default();
        let next = records.iter().find_map(|r| match &r.data {
            Rdata::Cname(target) if same(&r.name, last) => Some(target.clone()),
            _ => None,
        });
        match next {
            Some(t) if !chain.iter().any(|c| same(c, &t)) => chain.push(t),
            _ => break,
        }
    }
    records
        .iter()
        .filter(|r| chain.iter().any(|c| same(&r.name, c)))
        .collect()
}

/// The first `nameserver` of /etc/resolv.conf, on port 53.
pub(crate) fn system_nameserver() -> Option<SocketAddr> {
    let conf = std::fs::read_to_string("/etc/resolv.conf").ok()?;
    nameserver_of(&conf)
}

fn nameserver_of(conf: &str) -> Option<SocketAddr> {
    conf.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        if words.next()? != "nameserver" {
            return None;
        }
        let addr = words.next()?;
        // A link-local IPv6 address may carry a zone (fe80::1%eth0), which IpAddr does
        // not read; such servers are skipped.
        addr.parse::<IpAddr>()
            .ok()
            .map(|ip| SocketAddr::new(ip, 53))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A response to `build_query(0x1234, "a.example", 35)` carrying one NAPTR whose owner
    /// name is a compression pointer to the question and whose replacement is the root.
    fn naptr_response() -> Vec<u8> {
        let mut m = build_query(0x1234, "a.example", 35).unwrap();
        m[2] = 0x81;
        m[3] = 0x80;
        m[7] = 1; // ANCOUNT
        m.extend_from_slice(&[0xC0, 12, 0, 35, 0, 1, 0, 0, 0, 60]);
        let mut rdata = vec![0, 100, 0, 10, 1, b'U'];
        rdata.push(8);
        rdata.extend_from_slice(b"Meta:SMP");
        let re = b"!^.*$!http://smp.example/!";
        rdata.push(u8::try_from(re.len()).unwrap());
        rdata.extend_from_slice(re);
        rdata.push(0);
        m.extend_from_slice(&u16::try_from(rdata.len()).unwrap().to_be_bytes());
        m.extend_from_slice(&rdata);
        m
    }

    #[test]
    fn reads_naptr_with_compressed_owner() {
        let r = parse_response(&naptr_response()).unwrap();
        assert_eq!(r.id, 0x1234);
        assert_eq!(r.rcode, 0);
        assert_eq!(r.question, Some(("a.example".to_string(), 35)));
        assert_eq!(
            r.answers,
            vec![Record {
                name: "a.example".to_string(),
                data: Rdata::Naptr(Naptr {
                    order: 100,
                    preference: 10,
                    flags: "U".to_string(),
                    service: "Meta:SMP".to_string(),
                    regexp: "!^.*$!http://smp.example/!".to_string(),
                    replacement: String::new(),
                })
            }]
        );
        assert!(answers(&r, 0x1234, "A.Example.", 35));
        assert!(!answers(&r, 0x1235, "a.example", 35));
    }

    #[test]
    fn refuses_pointer_loops_and_forward_pointers() {
        let mut m = naptr_response();
        // Owner name pointing at itself.
        let owner = build_query(0x1234, "a.example", 35).unwrap().len();
        let at = u8::try_from(owner).unwrap();
        m[owner] = 0xC0;
        m[owner + 1] = at;
        assert!(matches!(parse_response(&m), Err(DnsError::Malformed(_))));
        // Owner name pointing forward, into the record data.
        m[owner + 1] = at + 20;
        assert!(matches!(parse_response(&m), Err(DnsError::Malformed(_))));
    }

    #[test]
    fn keeps_only_records_of_the_name_and_its_cname_chain() {
        let rec = |name: &str, data: Rdata| Record {
            name: name.to_string(),
            data,
        };
        let records = vec![
            rec("b-1.zone", Rdata::Cname("smp.zone".to_string())),
            rec("smp.zone", Rdata::A(Ipv4Addr::LOCALHOST)),
            rec("evil.zone", Rdata::A(Ipv4Addr::new(192, 0, 2, 1))),
        ];
        let kept = records_for(&records, "B-1.zone.");
        assert_eq!(kept.len(), 2);
        assert!(kept.iter().all(|r| r.name != "evil.zone"));
        assert!(records_for(&records, "other.zone").is_empty());
    }

    #[test]
    fn refuses_bad_names_in_queries() {
        assert!(build_query(1, "", 1).is_err());
        assert!(build_query(1, "a..b", 1).is_err());
        assert!(build_query(1, &"x".repeat(64), 1).is_err());
        assert!(build_query(1, "ok.example.", 1).is_ok());
    }

    #[test]
    fn reads_resolv_conf() {
        let conf = "# comment\nsearch example\nnameserver fe80::1%eth0\nnameserver 10.0.0.53\nnameserver 9.9.9.9\n";
        assert_eq!(nameserver_of(conf), Some("10.0.0.53:53".parse().unwrap()));
        assert_eq!(nameserver_of("options ndots:2\n"), None);
    }

    /// Fuzz-style: random bytes, and random mutations of a valid answer, never panic the
    /// parser (xorshift, fixed seed: reproducible).
    #[test]
    fn random_input_never_panics() {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let valid = naptr_response();
        for round in 0..20_000 {
            let bytes: Vec<u8> = if round % 2 == 0 {
                let len = usize::try_from(next() % 300).unwrap();
                (0..len).map(|_| next().to_le_bytes()[0]).collect()
            } else {
                let mut m = valid.clone();
                for _ in 0..(1 + next() % 4) {
                    let i = usize::try_from(next() % u64::try_from(m.len()).unwrap()).unwrap();
                    m[i] = next().to_le_bytes()[0];
                }
                if next() % 5 == 0 {
                    let cut = usize::try_from(next() % u64::try_from(m.len()).unwrap()).unwrap();
                    m.truncate(cut);
                }
                m
            };
            let _ = parse_response(&bytes);
        }
    }
}
