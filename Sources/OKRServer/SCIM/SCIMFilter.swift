import Foundation

/// A SCIM filter (RFC 7644 §3.4.2.2): `userName eq "x"`, `emails[type eq "work"]`, `not (active pr)`, joined
/// with `and` and `or`. Evaluated against a resource's JSON; anything that does not parse is `invalidFilter`.
indirect enum SCIMFilter: Sendable, Equatable {
    case compare(SCIMAttributePath, SCIMComparison, SCIMJSON)
    case present(SCIMAttributePath)
    case and(SCIMFilter, SCIMFilter)
    case or(SCIMFilter, SCIMFilter)
    case not(SCIMFilter)
    /// `emails[type eq "work"]`: some value of a multi-valued attribute matches the inner filter.
    case valuePath(SCIMAttributePath, SCIMFilter)

    /// The most tokens and the deepest nesting a filter may have: filters are evaluated (and freed) recursively,
    /// so a filter of thousands of parentheses must be refused, not run out of stack.
    static let maxTokens = 300
    static let maxDepth = 20

    static func parse(_ text: String) throws -> SCIMFilter {
        let tokens = try Tokenizer.tokens(text)
        guard tokens.count <= maxTokens else {
            throw SCIMError.invalidFilter("The filter is too long (at most \(maxTokens) terms).")
        }
        var parser = Parser(tokens: tokens)
        let filter = try parser.expression()
        guard parser.atEnd else { throw SCIMError.invalidFilter("Unexpected text after the filter.") }
        return filter
    }

    func matches(_ resource: SCIMJSON) -> Bool {
        switch self {
        case .compare(let path, let comparison, let expected):
            return path.values(in: resource).contains { comparison.holds($0, expected, caseExact: path.isCaseExact) }
        case .present(let path):
            return path.values(in: resource).contains { value in
                switch value {
                case .null: return false
                case .string(let text): return !text.isEmpty
                case .array(let items): return !items.isEmpty
                default: return true
                }
            }
        case .and(let left, let right): return left.matches(resource) && right.matches(resource)
        case .or(let left, let right): return left.matches(resource) || right.matches(resource)
        case .not(let inner): return !inner.matches(resource)
        case .valuePath(let path, let inner):
            return path.values(in: resource).contains { inner.matches($0) }
        }
    }

    /// Reads a filter's tokens: or binds loosest, then and, then not and parentheses.
    private struct Parser {
        let tokens: [Token]
        var index = 0
        var depth = 0

        var atEnd: Bool { index == tokens.count }

        mutating func next() -> Token? {
            guard index < tokens.count else { return nil }
            defer { index += 1 }
            return tokens[index]
        }

        func peekWord() -> String? {
            guard index < tokens.count, case .word(let word) = tokens[index] else { return nil }
            return word.lowercased()
        }

        mutating func expression() throws -> SCIMFilter {
            var left = try conjunction()
            while peekWord() == "or" {
                index += 1
                left = .or(left, try conjunction())
            }
            return left
        }

        mutating func conjunction() throws -> SCIMFilter {
            var left = try unary()
            while peekWord() == "and" {
                index += 1
                left = .and(left, try unary())
            }
            return left
        }

        mutating func unary() throws -> SCIMFilter {
            depth += 1
            defer { depth -= 1 }
            guard depth <= SCIMFilter.maxDepth else {
                throw SCIMError.invalidFilter("The filter is nested too deeply.")
            }
            if peekWord() == "not" {
                index += 1
                guard case .open = next() else { throw SCIMError.invalidFilter("\"not\" needs a parenthesis.") }
                let inner = try expression()
                guard case .close = next() else { throw SCIMError.invalidFilter("A parenthesis is not closed.") }
                return .not(inner)
            }
            switch next() {
            case .open:
                let inner = try expression()
                guard case .close = next() else { throw SCIMError.invalidFilter("A parenthesis is not closed.") }
                return inner
            case .word(let word):
                let path = try SCIMAttributePath(word)
                if index < tokens.count, case .openBracket = tokens[index] {
                    index += 1
                    let inner = try expression()
                    guard case .closeBracket = next() else {
                        throw SCIMError.invalidFilter("A bracket is not closed.")
                    }
                    return .valuePath(path, inner)
                }
                guard case .word(let operatorWord) = next() else {
                    throw SCIMError.invalidFilter("An operator is missing after \(word).")
                }
                if operatorWord.lowercased() == "pr" { return .present(path) }
                guard let comparison = SCIMComparison(rawValue: operatorWord.lowercased()) else {
                    throw SCIMError.invalidFilter("Unknown operator \(operatorWord).")
                }
                return .compare(path, comparison, try literal())
            default:
                throw SCIMError.invalidFilter("An attribute is missing.")
            }
        }

        mutating func literal() throws -> SCIMJSON {
            switch next() {
            case .string(let text): return .string(text)
            case .word(let word):
                switch word.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                case "null": return .null
                default:
                    guard let number = Double(word), number.isFinite else {
                        throw SCIMError.invalidFilter("\(word) is not a value; quote strings.")
                    }
                    return .number(number)
                }
            default: throw SCIMError.invalidFilter("A value is missing.")
            }
        }
    }

    enum Token: Equatable {
        case word(String)
        case string(String)
        case open, close, openBracket, closeBracket
    }

    /// Splits a filter into words, quoted strings (JSON escapes), parentheses and brackets.
    enum Tokenizer {
        static func tokens(_ text: String) throws -> [Token] {
            var tokens: [Token] = []
            var characters = Array(text)[...]
            while let first = characters.first {
                switch first {
                case " ", "\t", "\n", "\r": characters.removeFirst()
                case "(":
                    tokens.append(.open)
                    characters.removeFirst()
                case ")":
                    tokens.append(.close)
                    characters.removeFirst()
                case "[":
                    tokens.append(.openBracket)
                    characters.removeFirst()
                case "]":
                    tokens.append(.closeBracket)
                    characters.removeFirst()
                case "\"": tokens.append(.string(try quoted(&characters)))
                default:
                    var word = ""
                    while let next = characters.first, !" \t\n\r()[]\"".contains(next) {
                        word.append(next)
                        characters.removeFirst()
                    }
                    tokens.append(.word(word))
                }
            }
            return tokens
        }

        /// A JSON string from its opening quote to its closing one.
        private static func quoted(_ characters: inout ArraySlice<Character>) throws -> String {
            var raw = String(characters.removeFirst())
            var escaped = false
            while let next = characters.first {
                characters.removeFirst()
                raw.append(next)
                if escaped {
                    escaped = false
                } else if next == "\\" {
                    escaped = true
                } else if next == "\"" {
                    guard let value = try? JSONDecoder().decode(String.self, from: Data(raw.utf8)) else { break }
                    return value
                }
            }
            throw SCIMError.invalidFilter("A quoted value is not closed or not valid.")
        }
    }
}

/// The comparison operators of a filter.
enum SCIMComparison: String, Sendable {
    case eq, ne, co, sw, ew, gt, ge, lt, le

    func holds(_ actual: SCIMJSON, _ expected: SCIMJSON, caseExact: Bool) -> Bool {
        switch (actual, expected) {
        case (.string(let left), .string(let right)):
            let (a, b) = caseExact ? (left, right) : (left.lowercased(), right.lowercased())
            switch self {
            case .eq: return a == b
            case .ne: return a != b
            case .co: return a.contains(b)
            case .sw: return a.hasPrefix(b)
            case .ew: return a.hasSuffix(b)
            case .gt: return a > b
            case .ge: return a >= b
            case .lt: return a < b
            case .le: return a <= b
            }
        case (.number(let a), .number(let b)):
            switch self {
            case .eq: return a == b
            case .ne: return a != b
            case .gt: return a > b
            case .ge: return a >= b
            case .lt: return a < b
            case .le: return a <= b
            case .co, .sw, .ew: return false
            }
        default:
            switch self {
            case .eq: return actual == expected
            case .ne: return actual != expected
            default: return false
            }
        }
    }
}

/// An attribute as a filter or a PATCH names it: `userName`, `name.givenName`, or with its schema's URN in
/// front (`urn:ietf:params:scim:schemas:core:2.0:User:userName`). Names are case-insensitive.
struct SCIMAttributePath: Sendable, Equatable {
    /// The attribute and, when given, its sub-attribute, as written.
    let names: [String]

    init(_ text: String) throws {
        var attribute = text
        if text.lowercased().hasPrefix("urn:") {
            // The schema's URN ends with the resource's name (".../2.0:User"), then ":" and the attribute.
            guard let colon = text.lastIndex(of: ":") else { throw SCIMError.invalidFilter("\(text) is no attribute.") }
            attribute = String(text[text.index(after: colon)...])
        }
        let names = attribute.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "$-_"))
        guard (1...2).contains(names.count),
            names.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(allowed.contains) })
        else { throw SCIMError.invalidFilter("\(text) is no attribute.") }
        self.names = names
    }

    /// `id` and `externalId` are compared exactly; other strings regardless of case.
    var isCaseExact: Bool { ["id", "externalid"].contains(names.last?.lowercased() ?? "") }

    /// Every value at this path, multi-valued attributes flattened.
    func values(in resource: SCIMJSON) -> [SCIMJSON] {
        var current = [resource]
        for name in names {
            current = current.flatMap { value -> [SCIMJSON] in
                let items = value.arrayValue ?? [value]
                return items.compactMap { $0[name] }.flatMap { $0.arrayValue ?? [$0] }
            }
        }
        return current
    }
}
