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

    /// Binds one value and answers its placeholder.
    typealias Binder = (inout SQLBuilder) -> String

    /// `sql` written with `?` placeholders (the SQL both stores share), each replaced in turn by
    /// what the next binder binds: values of any column type, NULLs typed as their column.
    mutating func numbered(_ sql: String, binders: [Binder]) -> String {
        var binders = binders[...]
        var result = ""
        for character in sql {
            if character == "?", let binder = binders.popFirst() { result += binder(&self) } else { result.append(character) }
        }
        return result
    }

    mutating func numbered(_ sql: String, _ values: Int64...) -> String { numbered(sql, values) }

    mutating func numbered(_ sql: String, _ values: [Int64]) -> String {
        numbered(sql, binders: values.map { value in { $0.bind(value) } })
    }

    /// `sql` with `?` placeholders bound to values of any column type, in turn.
    mutating func numbered(_ sql: String, values: [any PostgresDynamicTypeEncodable]) -> String {
        numbered(sql, binders: values.map { value in { $0.bind(value) } })
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
