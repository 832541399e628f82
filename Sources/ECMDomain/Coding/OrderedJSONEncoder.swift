/// A JSON encoder that writes object members in the order `encode(to:)` encodes them, so the
/// API's bodies read exactly like the spec's examples. Compact for the wire, or pretty with two
/// spaces (`"key": value`) for people.
public struct OrderedJSONEncoder: Sendable {
    public var pretty: Bool

    public init(pretty: Bool = false) { self.pretty = pretty }

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = JSONNode.Box()
        try value.encode(to: NodeEncoder(box: root, codingPath: []))
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        root.node.write(to: &output, pretty: pretty, indent: 0)
        return output
    }
}

/// A JSON value whose objects keep their members' order.
indirect enum JSONNode {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([Box])
    case object([(String, Box)])

    final class Box {
        var node: JSONNode = .null
        init() {}
    }

    func write(to out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): JSONNode.writeString(text, to: &out)
        case .array(let items):
            if items.isEmpty { return out.append(contentsOf: "[]".utf8) }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONNode.newline(&out, pretty: pretty, indent: indent + 1)
                item.node.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            JSONNode.newline(&out, pretty: pretty, indent: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { return out.append(contentsOf: "{}".utf8) }
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONNode.newline(&out, pretty: pretty, indent: indent + 1)
                JSONNode.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                value.node.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            JSONNode.newline(&out, pretty: pretty, indent: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], pretty: Bool, indent: Int) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

private struct NodeEncoder: Encoder {
    let box: JSONNode.Box
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = box.node {} else { box.node = .object([]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = box.node {} else { box.node = .array([]) }
        return UnkeyedNodeContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(box: box, codingPath: codingPath)
    }
}

/// Turns a leaf value into a node, or nil when the value encodes itself.
private func leaf<T: Encodable>(_ value: T) -> JSONNode? {
    switch value {
    case let v as String: return .string(v)
    case let v as Bool: return .bool(v)
    case let v as Int: return .number(String(v))
    case let v as Int64: return .number(String(v))
    case let v as Int32: return .number(String(v))
    case let v as UInt64: return .number(String(v))
    case let v as Double: return v.isFinite ? .number(v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)) : .null
    default: return nil
    }
}

private func encodeNode<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> JSONNode.Box {
    let box = JSONNode.Box()
    if let node = leaf(value) {
        box.node = node
    } else {
        try value.encode(to: NodeEncoder(box: box, codingPath: codingPath))
    }
    return box
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONNode.Box
    let codingPath: [any CodingKey]

    private func append(_ key: Key, _ child: JSONNode.Box) {
        guard case .object(var members) = box.node else { return }
        box.node = .null  // release the box's copy, so appending does not copy every member
        members.append((key.stringValue, child))
        box.node = .object(members)
    }

    mutating func encodeNil(forKey key: Key) throws {
        let child = JSONNode.Box()
        append(key, child)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        append(key, try encodeNode(value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = JSONNode.Box()
        child.node = .object([])
        append(key, child)
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONNode.Box()
        child.node = .array([])
        append(key, child)
        return UnkeyedNodeContainer(box: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(box: box, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = JSONNode.Box()
        append(key, child)
        return NodeEncoder(box: child, codingPath: codingPath + [key])
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let box: JSONNode.Box
    let codingPath: [any CodingKey]

    var count: Int {
        if case .array(let items) = box.node { return items.count }
        return 0
    }

    private func append(_ child: JSONNode.Box) {
        guard case .array(var items) = box.node else { return }
        box.node = .null
        items.append(child)
        box.node = .array(items)
    }

    mutating func encodeNil() throws { append(JSONNode.Box()) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try encodeNode(value, codingPath: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONNode.Box()
        child.node = .object([])
        append(child)
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(box: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = JSONNode.Box()
        child.node = .array([])
        append(child)
        return UnkeyedNodeContainer(box: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let child = JSONNode.Box()
        append(child)
        return NodeEncoder(box: child, codingPath: codingPath)
    }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let box: JSONNode.Box
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.node = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        box.node = try encodeNode(value, codingPath: codingPath).node
    }
}
