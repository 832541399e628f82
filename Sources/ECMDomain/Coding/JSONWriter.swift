/// A value that writes itself as JSON, members in the order it writes them, so the API's bodies
/// read exactly like the spec's examples.
///
/// Responses are written straight into bytes, with no intermediate tree: a page of 25 activities
/// is written for every list request the server answers. Reading goes through `Decodable`.
public protocol JSONWritable {
    func writeJSON(to writer: inout JSONWriter)
}

/// Writes JSON into a byte array: compact for the wire, or pretty with two spaces
/// (`"key": value`) for people.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    public let pretty: Bool
    private var depth = 0
    /// Whether the container being written has no member or element yet.
    private var first = true

    public init(pretty: Bool = false, capacity: Int = 1024) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// The bytes of `value` alone.
    public static func bytes(of value: some JSONWritable, pretty: Bool = false) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        value.writeJSON(to: &writer)
        return writer.bytes
    }

    // MARK: Containers

    /// `{…}`, its members written by `members` with `member(_:_:)`.
    public mutating func object(_ members: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        members(&self)
        close(UInt8(ascii: "}"))
    }

    /// `"key": value` inside `object`.
    public mutating func member(_ key: StaticString, _ value: some JSONWritable) {
        separate()
        key.withUTF8Buffer { key in
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: key)
            bytes.append(UInt8(ascii: "\""))
        }
        colon()
        value.writeJSON(to: &self)
    }

    /// A member whose key is only known at run time (it is escaped).
    public mutating func member(dynamic key: String, _ value: some JSONWritable) {
        separate()
        string(key)
        colon()
        value.writeJSON(to: &self)
    }

    /// `[…]` of `items`.
    public mutating func array<Items: Sequence>(_ items: Items) where Items.Element: JSONWritable {
        open(UInt8(ascii: "["))
        for item in items {
            separate()
            item.writeJSON(to: &self)
        }
        close(UInt8(ascii: "]"))
    }

    // MARK: Leaves

    public mutating func null() { bytes.append(contentsOf: "null".utf8) }

    public mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    public mutating func integer(_ value: Int64) {
        // Integers of up to 15 digits are small strings: no allocation.
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Whole numbers below 10^15 without a fraction (`3`, not `3.0`); `null` for non-finite values.
    public mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        if value == value.rounded(), abs(value) < 1e15 { return integer(Int64(value)) }
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A string, with `"`, `\` and control characters escaped. Runs that need no escape are
    /// copied whole.
    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string of ASCII that needs no escaping (the digits of a date), appended by `write`
    /// between the quotes without making a `String`.
    mutating func quoted(_ write: (inout [UInt8]) -> Void) {
        bytes.append(UInt8(ascii: "\""))
        write(&bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    // MARK: Layout

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
        first = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !first { newline() }  // an empty container stays `{}` or `[]`
        bytes.append(bracket)
        first = false
    }

    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        newline()
    }

    private mutating func colon() {
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: bytes.append(UInt8(ascii: "\""))
        case 0x5C: bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(Self.hex[Int(byte >> 4)])
            bytes.append(Self.hex[Int(byte & 0xF)])
        }
    }
}

// MARK: - Standard types

extension String: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) { writer.string(self) }
}

extension Bool: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) { writer.bool(self) }
}

extension Int: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) { writer.integer(Int64(self)) }
}

extension Int64: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) { writer.integer(self) }
}

extension Double: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) { writer.number(self) }
}

extension Optional: JSONWritable where Wrapped: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .none: writer.null()
        case .some(let value): value.writeJSON(to: &writer)
        }
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) { writer.array(self) }
}

/// A dictionary's members are written in key order, so the same value always reads the same.
extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            for key in keys.sorted() { writer.member(dynamic: key, self[key]!) }
        }
    }
}

extension RawRepresentable where RawValue == String, Self: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) { writer.string(rawValue) }
}
