import ECMDomain
import PostgresNIO

/// A statement assembled in pieces, with its values bound as `$1`, `$2`, … in order.
struct SQLBuilder {
    var sql = ""
    var binds = PostgresBindings()

    init(_ sql: String = "") { self.sql = sql }

    /// Binds a value and returns its placeholder.
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Binds a value that may be NULL and returns its placeholder.
    mutating func bind(_ value: (some PostgresDynamicTypeEncodable)?) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Binds a writable field's value, typed as its column is even when NULL.
    mutating func bindField(_ field: ActivityField, _ value: StoredScalar?) -> String {
        binds.appendField(field, value)
        return "$\(binds.count)"
    }

    /// `sql` written with `?` placeholders (the SQL both stores share), each bound to the next
    /// of `values` and numbered in turn.
    mutating func numbered(_ sql: String, _ values: Int64...) -> String { numbered(sql, values) }

    mutating func numbered(_ sql: String, _ values: [Int64]) -> String {
        var values = values[...]
        var result = ""
        for character in sql {
            if character == "?", let value = values.popFirst() { result += bind(value) } else { result.append(character) }
        }
        return result
    }

    /// `sql` with `?` placeholders bound to values of any column type, in turn.
    mutating func numbered(_ sql: String, values: [any PostgresDynamicTypeEncodable]) -> String {
        var values = values[...]
        var result = ""
        for character in sql {
            if character == "?", let value = values.popFirst() { result += bind(value) } else { result.append(character) }
        }
        return result
    }

    /// A whole statement of the shared SQL (`?` placeholders) with its values.
    static func query(_ sql: String, _ values: any PostgresDynamicTypeEncodable...) -> PostgresQuery {
        var builder = SQLBuilder()
        builder.sql = builder.numbered(sql, values: values)
        return builder.query
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

extension PostgresConnection {
    /// Every row of a query, read whole (pages are small).
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await self.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    /// The first row, if any.
    func row(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRandomAccessRow? {
        try await rows(query, logger: logger).first
    }

    /// The first column of the first row.
    func value<T: PostgresDecodable>(_ type: T.Type, _ query: PostgresQuery, logger: Logger) async throws -> T? {
        guard let row = try await row(query, logger: logger), row[0].bytes != nil else { return nil }
        return try row[0].decode(T.self)
    }

    /// Whether the query finds a row.
    func exists(_ query: PostgresQuery, logger: Logger) async throws -> Bool {
        try await row(query, logger: logger) != nil
    }
}
