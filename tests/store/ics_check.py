#!/usr/bin/env python3
"""ics_check.py FILE: a strict RFC 5545 check of what `gavel export --ics`
writes, with no third-party code: content lines end in CRLF and are at most
75 octets, folding is a CRLF plus one blank, every property parses as
name *(";" param) ":" value, components nest, VCALENDAR has VERSION:2.0 and
PRODID, every VEVENT has one UID, DTSTAMP and DTSTART with valid values,
DTEND after DTSTART and never together with DURATION, TEXT values are
properly escaped, UIDs are unique.  When Debian's python3-icalendar is
importable the file is also parsed with it and the two readings compared.

Prints one line per problem and exits 1 when there is any; prints a JSON
summary {"events": [{"uid", "summary", "description", "dtstart"}...]} on
success, for the caller's further checks.
"""
import json
import re
import sys

NAME = r"[A-Za-z0-9-]+"
PARAM = NAME + r'=(?:"[^"\x00-\x1f]*"|[^";:,\x00-\x1f]*)(?:,(?:"[^"\x00-\x1f]*"|[^";:,\x00-\x1f]*))*'
LINE_RE = re.compile(r"^(" + NAME + r")((?:;" + PARAM + r")*):(.*)$", re.S)
DATE_RE = re.compile(r"^\d{8}$")
DATETIME_RE = re.compile(r"^\d{8}T\d{6}Z?$")
UTC_RE = re.compile(r"^\d{8}T\d{6}Z$")
DURATION_RE = re.compile(r"^[+-]?P(?:\d+W|(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$")
TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "X-WR-CALNAME"}


def problems_and_events(data):
    bad = []
    if not data.endswith(b"\r\n"):
        bad.append("file does not end in CRLF")
    raw = data.split(b"\r\n")[:-1]
    for i, ln in enumerate(raw, 1):
        if b"\n" in ln or b"\r" in ln:
            bad.append("line %d: bare CR or LF" % i)
        if len(ln) > 75:
            bad.append("line %d: %d octets (max 75)" % (i, len(ln)))
        try:
            ln.decode("utf-8")
        except UnicodeDecodeError:
            bad.append("line %d: not UTF-8 (a fold split a character?)" % i)
    # unfold
    lines = []
    for ln in raw:
        if ln[:1] in (b" ", b"\t"):
            if not lines:
                bad.append("continuation before any line")
                continue
            lines[-1] += ln[1:]
        else:
            lines.append(ln)
    stack, events, cal_props, ev = [], [], {}, None
    for i, b in enumerate(lines, 1):
        s = b.decode("utf-8", "replace")
        m = LINE_RE.match(s)
        if not m:
            bad.append("content line %d does not parse: %r" % (i, s[:60]))
            continue
        name, params, value = m.group(1).upper(), m.group(2), m.group(3)
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                if stack[:-1] != ["VCALENDAR"]:
                    bad.append("VEVENT outside VCALENDAR")
                ev = {}
            continue
        if name == "END":
            if not stack or stack[-1] != value:
                bad.append("END:%s does not close %s" % (value, stack[-1] if stack else "nothing"))
            else:
                stack.pop()
            if value == "VEVENT" and ev is not None:
                events.append(ev)
                ev = None
            continue
        if name in TEXT_PROPS:
            # TEXT: backslash escapes only \\ \; \, \n \N; no bare ; or ,
            k = 0
            while k < len(value):
                c = value[k]
                if c == "\\":
                    if k + 1 >= len(value) or value[k + 1] not in "\\;,nN":
                        bad.append("line %d: bad escape in %s" % (i, name))
                    k += 2
                    continue
                if c in ";,":
                    bad.append("line %d: unescaped %r in %s" % (i, c, name))
                k += 1
        target = ev if ev is not None else (cal_props if stack == ["VCALENDAR"] else None)
        if target is not None:
            target.setdefault(name, []).append((params, value))
    if stack:
        bad.append("unclosed components: %s" % stack)
    if cal_props.get("VERSION") != [("", "2.0")]:
        bad.append("VCALENDAR needs exactly one VERSION:2.0")
    if len(cal_props.get("PRODID", [])) != 1:
        bad.append("VCALENDAR needs exactly one PRODID")
    uids = set()
    out = []
    for n, e in enumerate(events, 1):
        for req in ("UID", "DTSTAMP", "DTSTART"):
            if len(e.get(req, [])) != 1:
                bad.append("event %d: needs exactly one %s" % (n, req))
        if "UID" in e:
            uid = e["UID"][0][1]
            if uid in uids:
                bad.append("event %d: duplicate UID %s" % (n, uid))
            uids.add(uid)
        if "DTSTAMP" in e and not UTC_RE.match(e["DTSTAMP"][0][1]):
            bad.append("event %d: DTSTAMP must be a UTC date-time" % n)
        start = e.get("DTSTART", [("", "")])[0]
        is_date = "VALUE=DATE" in start[0].upper()
        if is_date and not DATE_RE.match(start[1]):
            bad.append("event %d: DTSTART;VALUE=DATE wants YYYYMMDD" % n)
        if not is_date and not DATETIME_RE.match(start[1]):
            bad.append("event %d: DTSTART wants a date-time" % n)
        if "DTEND" in e and "DURATION" in e:
            bad.append("event %d: both DTEND and DURATION" % n)
        if "DTEND" in e:
            end = e["DTEND"][0]
            if ("VALUE=DATE" in end[0].upper()) != is_date:
                bad.append("event %d: DTEND and DTSTART differ in type" % n)
            elif end[1] <= start[1]:
                bad.append("event %d: DTEND not after DTSTART" % n)
        if "DURATION" in e and not DURATION_RE.match(e["DURATION"][0][1]):
            bad.append("event %d: bad DURATION" % n)
        if "URL" in e and not re.match(r"^[a-z][a-z0-9+.-]*:[^\s\"<>\\^`{|}]*$", e["URL"][0][1]):
            bad.append("event %d: URL is not a URI" % n)
        out.append({
            "uid": e.get("UID", [("", "")])[0][1],
            "summary": unescape(e.get("SUMMARY", [("", "")])[0][1]),
            "description": unescape(e.get("DESCRIPTION", [("", "")])[0][1]),
            "dtstart": start[1],
            "url": e.get("URL", [("", "")])[0][1],
        })
    return bad, out


def unescape(v):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), v)


def with_icalendar(data, ours):
    try:
        import icalendar  # Debian: python3-icalendar
    except ImportError:
        return None
    bad = []
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:  # noqa: BLE001 - any parse failure is a finding
        return ["icalendar could not parse it: %s" % e]
    theirs = [c for c in cal.walk() if c.name == "VEVENT"]
    if len(theirs) != len(ours):
        bad.append("icalendar sees %d events, the strict reader %d" % (len(theirs), len(ours)))
    for t, o in zip(theirs, ours):
        if str(t.get("UID")) != o["uid"]:
            bad.append("icalendar UID %s != %s" % (t.get("UID"), o["uid"]))
        if str(t.get("SUMMARY")) != o["summary"]:
            bad.append("icalendar SUMMARY %r != %r" % (str(t.get("SUMMARY")), o["summary"]))
        if str(t.get("DESCRIPTION")) != o["description"]:
            bad.append("icalendar DESCRIPTION differs")
        if t.decoded("DTSTART") is None:
            bad.append("icalendar: no DTSTART")
    return bad


def main():
    data = open(sys.argv[1], "rb").read()
    bad, events = problems_and_events(data)
    lib = with_icalendar(data, events) if not bad else None
    if lib:
        bad += lib
    for b in bad:
        print("ics: " + b)
    if bad:
        sys.exit(1)
    print(json.dumps({"events": events, "icalendar": lib is not None}))


if __name__ == "__main__":
    main()
