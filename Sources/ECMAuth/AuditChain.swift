import Crypto
import ECMDomain

/// The audit trail's hash chain: each row's hash is SHA-256 of the previous row's hash and the
/// row's own content, so that changing, removing or reordering any row breaks every hash after
/// it. The first row follows 32 zero bytes.
public enum AuditChain {
    public static let genesis = [UInt8](repeating: 0, count: 32)

    public static func hash(previous: [UInt8], entry: AuditEntry, id: Int64) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: entry.canonicalBytes(id: id))
        return Array(hasher.finalize())
    }

    /// The first row that does not follow from the one before it, reading the whole trail a page
    /// at a time; nil when the chain is intact. Also counts the rows checked.
    public static func firstBrokenRow(in store: any AuditStore, pageSize: Int = 1_000) async throws(BackendError) -> (broken: Int64?, checked: Int) {
        var previous = genesis
        var lastID: Int64 = 0
        var checked = 0
        while true {
            let rows = try await store.auditChain(after: lastID, limit: pageSize)
            if rows.isEmpty {
                // The head names the last row appended: rows removed from the end show here. A
                // head past the rows read is a live store appending meanwhile: read on.
                let head = try await store.auditHead()
                if head.id > lastID, try await !store.auditChain(after: lastID, limit: 1).isEmpty { continue }
                return head.id == lastID && head.hash == previous ? (nil, checked) : (lastID + 1, checked)
            }
            for row in rows {
                // Ids are contiguous from 1: a gap is a removed row.
                if row.id != lastID + 1 || row.previousHash != previous || hash(previous: previous, entry: row.entry, id: row.id) != row.hash {
                    return (row.id != lastID + 1 ? lastID + 1 : row.id, checked)
                }
                previous = row.hash
                lastID = row.id
                checked += 1
            }
        }
    }
}
