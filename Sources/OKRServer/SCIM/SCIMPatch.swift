import Foundation

/// A SCIM PATCH (RFC 7644 §3.5.2): operations `add`, `replace` and `remove` applied to a resource's JSON, which is
/// then saved as a replacement. Takes what Okta sends (`{"op": "replace", "value": {"active": false}}`) and what
/// Entra ID sends (`"op": "Replace"`, paths like `members[value eq "id"]`, `"True"` for a boolean).
struct SCIMPatch: Sendable {
    static let schema = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

    enum Kind: String, Sendable {
        case add, replace, remove
    }

    struct Operation: Sendable {
        let kind: Kind
        let target: Target?
        let value: SCIMJSON?
    }

    /// Where an operation applies: an attribute, maybe only its values matching a filter, maybe one sub-attribute.
    struct Target: Sendable {
        let attribute: String
        let filter: SCIMFilter?
        let subAttribute: String?

        init(_ text: String) throws {
            do {
                if let open = text.firstIndex(of: "["), let close = text.lastIndex(of: "]"), open < close {
                    let path = try SCIMAttributePath(String(text[..<open]))
                    guard path.names.count == 1 else { throw SCIMError.invalidPath("\(text) is not a valid path.") }
                    attribute = path.names[0]
                    filter = try SCIMFilter.parse(String(text[text.index(after: open)..<close]))
                    let rest = text[text.index(after: close)...]
                    if rest.isEmpty {
                        subAttribute = nil
                    } else {
                        guard rest.hasPrefix("."), rest.count > 1 else {
                            throw SCIMError.invalidPath("\(text) is not a valid path.")
                        }
                        subAttribute = try SCIMAttributePath(String(rest.dropFirst())).names[0]
                    }
                } else {
                    let path = try SCIMAttributePath(text)
                    attribute = path.names[0]
                    filter = nil
                    subAttribute = path.names.count > 1 ? path.names[1] : nil
                }
            } catch let error as SCIMError where error.scimType == "invalidFilter" {
                throw SCIMError.invalidPath("\(text) is not a valid path: \(error.detail)")
            }
        }
    }

    let operations: [Operation]

    /// Reads a PatchOp request body.
    init(_ body: SCIMJSON) throws {
        guard let list = body["Operations"]?.arrayValue, !list.isEmpty else {
            throw SCIMError.invalidSyntax("A PATCH needs a non-empty \"Operations\" list.")
        }
        operations = try list.map { item in
            guard item.objectValue != nil, let name = item["op"]?.stringValue,
                let kind = Kind(rawValue: name.lowercased())
            else { throw SCIMError.invalidSyntax("Each operation needs \"op\": add, replace or remove.") }
            let target = try item["path"].map { path -> Target in
                guard let text = path.stringValue, !text.isEmpty else {
                    throw SCIMError.invalidPath("\"path\" must be a non-empty string.")
                }
                return try Target(text)
            }
            let value = item["value"]
            if kind != .remove && (value == nil || value == .null) {
                throw SCIMError.invalidValue("\"\(name)\" needs a \"value\".")
            }
            if kind == .remove && target == nil { throw SCIMError.noTarget("\"remove\" needs a \"path\".") }
            if target == nil, value?.objectValue == nil {
                throw SCIMError.invalidValue("Without a \"path\", \"value\" must be an object of attributes.")
            }
            return Operation(kind: kind, target: target, value: value)
        }
    }

    /// The resource after every operation, in order.
    func applied(to resource: [String: SCIMJSON]) throws -> [String: SCIMJSON] {
        var result = resource
        for operation in operations {
            if let target = operation.target {
                try Self.apply(operation.kind, target, operation.value, to: &result)
            } else if let attributes = operation.value?.objectValue {
                // Without a path, each member of the value is an attribute (Entra ID also writes "name.givenName").
                for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
                    try Self.apply(operation.kind, try Target(name), value, to: &result)
                }
            }
        }
        return result
    }

    private static func apply(_ kind: Kind, _ target: Target, _ value: SCIMJSON?, to resource: inout [String: SCIMJSON])
        throws
    {
        let key = resource.key(matching: target.attribute) ?? target.attribute
        let current = resource[key]
        if let filter = target.filter {
            guard var items = current?.arrayValue else {
                if kind == .remove { return }
                throw SCIMError.noTarget("\(target.attribute) has no values to match.")
            }
            var matched = false
            var kept: [SCIMJSON] = []
            for item in items {
                guard filter.matches(item), case .object(var members) = item else {
                    kept.append(item)
                    continue
                }
                matched = true
                if let sub = target.subAttribute {
                    let subKey = members.key(matching: sub) ?? sub
                    if kind == .remove { members[subKey] = nil } else { members[subKey] = value }
                    kept.append(.object(members))
                } else if kind != .remove {
                    for (name, newValue) in value?.objectValue ?? [:] {
                        members[members.key(matching: name) ?? name] = newValue
                    }
                    kept.append(.object(members))
                }
            }
            if !matched && kind == .replace { throw SCIMError.noTarget("No value of \(target.attribute) matches.") }
            items = kept
            resource[key] = .array(items)
            return
        }
        if let sub = target.subAttribute {
            var members = current?.objectValue ?? [:]
            let subKey = members.key(matching: sub) ?? sub
            members[subKey] = kind == .remove ? nil : value
            resource[key] = .object(members)
            return
        }
        switch kind {
        case .remove:
            if let removing = value?.arrayValue, let items = current?.arrayValue {
                // Entra ID removes members by listing them: {"path": "members", "value": [{"value": "id"}]}.
                let gone = Set(removing.compactMap { $0["value"]?.stringValue })
                resource[key] = .array(items.filter { item in !gone.contains(item["value"]?.stringValue ?? "") })
            } else {
                resource[key] = nil
            }
        case .add:
            switch (current, value) {
            case (.array(let items)?, .array(let more)?):
                resource[key] = .array(items + more.filter { !items.contains($0) })
            case (.array(let items)?, let single?):
                resource[key] = .array(items.contains(single) ? items : items + [single])
            case (.object(var members)?, .object(let more)?):
                for (name, newValue) in more { members[members.key(matching: name) ?? name] = newValue }
                resource[key] = .object(members)
            default:
                resource[key] = value
            }
        case .replace:
            if case .object(var members)? = current, case .object(let more)? = value {
                for (name, newValue) in more { members[members.key(matching: name) ?? name] = newValue }
                resource[key] = .object(members)
            } else {
                resource[key] = value
            }
        }
    }
}
