import Foundation
import OKRCore
import OKRStore

/// How Okra's people and teams look as SCIM Users and Groups (RFC 7643), and what a directory's JSON asks for.
///
/// A User is a person: `userName` is their e-mail (or, when a directory's user names are not addresses, the
/// primary e-mail of `emails` is), `displayName` their name, `active` whether they have not left. A Group is a team
/// below the company; its members are the team's leads and members.
struct SCIMResources: Sendable {
    static let userSchema = "urn:ietf:params:scim:schemas:core:2.0:User"
    static let groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"
    static let listSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse"

    /// `https://okra.example/scim/v2`, for `meta.location`.
    let base: String

    func user(_ stored: Versioned<Person>, link: SCIMLink?, groups: [Team]) -> SCIMJSON {
        let person = stored.value
        let kept = link?.attributes.flatMap { try? SCIMJSON.parse(Data($0.utf8)) }
        var user: [String: SCIMJSON] = [
            "schemas": .array([.string(Self.userSchema)]), "id": .string(person.id.rawValue),
            "userName": .string(link?.userName ?? person.email), "displayName": .string(person.name),
            "emails": Self.emails(kept?["emails"], email: person.email),
            "active": .bool(person.isActive),
            "meta": meta("User", id: person.id.rawValue, version: stored.version),
        ]
        if let name = kept?["name"] { user["name"] = name }
        if let externalID = link?.externalID { user["externalId"] = .string(externalID) }
        // The language as the directory wrote it ("en-US") while it is still the person's, else Okra's own.
        let sent = kept?["preferredLanguage"]?.stringValue
        if let sent, SCIMUserInput.language(sent) == person.language {
            user["preferredLanguage"] = .string(sent)
        } else if let language = person.language {
            user["preferredLanguage"] = .string(language.rawValue)
        }
        if !groups.isEmpty {
            user["groups"] = .array(
                groups.map { team in
                    .object([
                        "value": .string(team.id.rawValue), "display": .string(team.name.vi),
                        "$ref": .string("\(base)/Groups/\(team.id.rawValue)"), "type": .string("direct"),
                    ])
                })
        }
        return .object(user)
    }

    func group(_ stored: Versioned<Team>, link: SCIMLink?) -> SCIMJSON {
        let team = stored.value
        let members = Array(Set(team.leadIDs + team.memberIDs)).sorted()
        var group: [String: SCIMJSON] = [
            "schemas": .array([.string(Self.groupSchema)]), "id": .string(team.id.rawValue),
            "displayName": .string(team.name.vi),
            "members": .array(
                members.map { id in
                    .object([
                        "value": .string(id.rawValue), "$ref": .string("\(base)/Users/\(id.rawValue)"),
                        "type": .string("User"),
                    ])
                }),
            "meta": meta("Group", id: team.id.rawValue, version: stored.version),
        ]
        if let externalID = link?.externalID { group["externalId"] = .string(externalID) }
        return .object(group)
    }

    /// The e-mails the directory sent while they still hold the person's; else the person's alone.
    private static func emails(_ sent: SCIMJSON?, email: String) -> SCIMJSON {
        if let sent, sent.arrayValue?.contains(where: { $0["value"]?.stringValue?.lowercased() == email }) == true {
            return sent
        }
        return .array([.object(["value": .string(email), "type": .string("work"), "primary": .bool(true)])])
    }

    private func meta(_ type: String, id: String, version: Int) -> SCIMJSON {
        .object([
            "resourceType": .string(type), "location": .string("\(base)/\(type)s/\(id)"),
            "version": .string("W/\"\(version)\""),
        ])
    }

    /// The directory's own id for a resource, if it sent one.
    static func externalID(_ json: SCIMJSON) throws -> String? {
        switch json["externalId"] {
        case nil, .null?: return nil
        case .string(let text)? where text.count <= 1_000: return text
        default: throw SCIMError.invalidValue("externalId must be a string of at most 1,000 characters.")
        }
    }

    /// A page of resources (`startIndex` counts from 1).
    static func list(_ resources: [SCIMJSON], total: Int, startIndex: Int) -> SCIMJSON {
        .object([
            "schemas": .array([.string(listSchema)]), "totalResults": .number(Double(total)),
            "startIndex": .number(Double(startIndex)), "itemsPerPage": .number(Double(resources.count)),
            "Resources": .array(resources),
        ])
    }

    /// Keeps only the `attributes` asked for, or drops the `excludedAttributes` (RFC 7644 §3.4.2.5); `id` and
    /// `schemas` always stay.
    static func project(_ resource: SCIMJSON, attributes: [SCIMAttributePath], excluded: [SCIMAttributePath])
        -> SCIMJSON
    {
        guard case .object(let members) = resource, !(attributes.isEmpty && excluded.isEmpty) else { return resource }
        var result: [String: SCIMJSON] = [:]
        for (key, value) in members {
            let lower = key.lowercased()
            if ["id", "schemas"].contains(lower) {
                result[key] = value
                continue
            }
            if !attributes.isEmpty {
                let wanted = attributes.filter { $0.names[0].lowercased() == lower }
                if wanted.isEmpty { continue }
                if wanted.contains(where: { $0.names.count == 1 }) {
                    result[key] = value
                } else {
                    let subs = Set(wanted.map { $0.names[1].lowercased() })
                    result[key] = keeping(value) { subs.contains($0.lowercased()) }
                }
            } else {
                let dropped = excluded.filter { $0.names[0].lowercased() == lower }
                if dropped.contains(where: { $0.names.count == 1 }) { continue }
                let subs = Set(dropped.map { $0.names[1].lowercased() })
                result[key] = subs.isEmpty ? value : keeping(value) { !subs.contains($0.lowercased()) }
            }
        }
        return .object(result)
    }

    /// The sub-attributes of a complex value (or of each of its values) whose names pass `keep`.
    private static func keeping(_ value: SCIMJSON, _ keep: (String) -> Bool) -> SCIMJSON {
        switch value {
        case .object(let members): return .object(members.filter { keep($0.key) })
        case .array(let items): return .array(items.map { keeping($0, keep) })
        default: return value
        }
    }
}

/// What a directory's User asks for: a person's e-mail, name, language and whether they are active.
struct SCIMUserInput: Sendable {
    let email: String
    /// The `userName` when it is not the e-mail itself.
    let userName: String?
    let name: String
    let active: Bool
    let language: Language?
    let externalID: String?
    /// The name parts and e-mails the directory sent, kept to be given back as they came.
    let attributes: String?

    init(_ json: SCIMJSON) throws {
        guard json.objectValue != nil else { throw SCIMError.invalidSyntax("A User must be a JSON object.") }
        guard let userName = json["userName"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines),
            !userName.isEmpty, userName.count <= 254
        else { throw SCIMError.invalidValue("userName is required: a string of 1 to 254 characters.") }
        let emails = try Self.emails(json["emails"])
        if EmailAddress.isPlausible(userName) {
            email = userName.lowercased()
            self.userName = nil
        } else if let primary = emails.first(where: \.primary) ?? emails.first {
            email = primary.value.lowercased()
            self.userName = userName
        } else {
            throw SCIMError.invalidValue("userName must be an e-mail address, or emails must hold one.")
        }
        guard EmailAddress.isPlausible(email) else {
            throw SCIMError.invalidValue("\(email) is not an e-mail address.")
        }
        let given = json["name"]?["givenName"]?.stringValue
        let family = json["name"]?["familyName"]?.stringValue
        let parts = [given, family].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let candidates = [json["displayName"]?.stringValue, json["name"]?["formatted"]?.stringValue]
            .compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        name = candidates.first ?? (parts.isEmpty ? userName : parts.joined(separator: " "))
        switch json["active"] {
        case nil, .null?: active = true
        case let value?:
            guard let flag = value.boolValue else { throw SCIMError.invalidValue("active must be true or false.") }
            active = flag
        }
        let preferred = json["preferredLanguage"]?.stringValue
        language = preferred.flatMap(Self.language)
        externalID = try SCIMResources.externalID(json)
        var kept: [String: SCIMJSON] = [:]
        if let name = json["name"], name.objectValue != nil { kept["name"] = name }
        if let list = json["emails"], !emails.isEmpty { kept["emails"] = list }
        if let preferred { kept["preferredLanguage"] = .string(preferred) }
        attributes = kept.isEmpty ? nil : String(decoding: SCIMJSON.object(kept).encoded(), as: UTF8.self)
    }

    /// Okra's language for a SCIM `preferredLanguage` ("vi", "en-US"), if it is one Okra speaks.
    static func language(_ tag: String) -> Language? {
        Language(rawValue: String(tag.lowercased().prefix { $0.isLetter }))
    }

    private static func emails(_ json: SCIMJSON?) throws -> [(value: String, primary: Bool)] {
        guard let json, json != .null else { return [] }
        guard let items = json.arrayValue else { throw SCIMError.invalidValue("emails must be a list.") }
        return try items.map { item in
            guard let value = item["value"]?.stringValue else {
                throw SCIMError.invalidValue("Each of emails needs a string value.")
            }
            return (value.trimmingCharacters(in: .whitespaces), item["primary"]?.boolValue ?? false)
        }
    }
}

/// What a directory's Group asks for: a team's name and its members.
struct SCIMGroupInput: Sendable {
    let displayName: String
    let memberIDs: [PersonID]
    let externalID: String?

    init(_ json: SCIMJSON) throws {
        guard json.objectValue != nil else { throw SCIMError.invalidSyntax("A Group must be a JSON object.") }
        guard let name = json["displayName"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines),
            !name.isEmpty
        else { throw SCIMError.invalidValue("displayName is required.") }
        displayName = name
        switch json["members"] {
        case nil, .null?: memberIDs = []
        case .array(let items)?:
            memberIDs = try items.map { item in
                guard let value = item["value"]?.stringValue, !value.isEmpty else {
                    throw SCIMError.invalidValue("Each member needs the id of a User as its value.")
                }
                return PersonID(value)
            }
        default: throw SCIMError.invalidValue("members must be a list.")
        }
        externalID = try SCIMResources.externalID(json)
    }
}
