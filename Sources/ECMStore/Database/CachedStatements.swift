import GRDB

// The store's requests run the same few SQL statements over and over. Each connection compiles
// a statement once and keeps it: compiling is not only SQLite's parse and plan, but GRDB's
// authorizer recording every table and column the statement reads, which was a fifth of the
// time of creating an activity and more of a short read (BENCHMARKS.md).

extension Database {
    /// Runs `sql` (one statement) through the connection's statement cache.
    func execute(cached sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    static func fetchAll(_ db: Database, cached sql: String, arguments: StatementArguments = []) throws -> [Self] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchOne(_ db: Database, cached sql: String, arguments: StatementArguments = []) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension Row {
    /// Every row of `sql`, transformed while it is still bound to the statement. Reading a column
    /// by name there is one dictionary lookup; from a row copied out of the statement it is a scan
    /// that lowercases every column name, which was a third of the time of a timeline page.
    static func fetchAll<T>(
        _ db: Database, cached sql: String, arguments: StatementArguments = [], as transform: (Row) throws -> T
    ) throws -> [T] {
        let rows = try fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var result: [T] = []
        while let row = try rows.next() { result.append(try transform(row)) }
        return result
    }

    /// The first row of `sql`, transformed while it is still bound to the statement.
    static func fetchOne<T>(
        _ db: Database, cached sql: String, arguments: StatementArguments = [], as transform: (Row) throws -> T
    ) throws -> T? {
        let rows = try fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        return try rows.next().map(transform)
    }
}
