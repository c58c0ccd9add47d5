/// What a SCIM client reads to learn what Okra supports (RFC 7644 §4): the service provider's configuration, the
/// resource types (User, Group) and their schemas, limited to the attributes Okra keeps.
struct SCIMDiscovery: Sendable {
    let base: String

    static let configSchema = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    static let resourceTypeSchema = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
    static let schemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema"
    /// The most resources one page holds.
    static let maxResults = 200

    var serviceProviderConfig: SCIMJSON {
        func supported(_ flag: Bool) -> SCIMJSON { .object(["supported": .bool(flag)]) }
        return .object([
            "schemas": .array([.string(Self.configSchema)]),
            "documentationUri": .string("https://www.rfc-editor.org/rfc/rfc7644"),
            "patch": supported(true),
            "bulk": .object(["supported": .bool(false), "maxOperations": .number(0), "maxPayloadSize": .number(0)]),
            "filter": .object(["supported": .bool(true), "maxResults": .number(Double(Self.maxResults))]),
            "changePassword": supported(false), "sort": supported(false), "etag": supported(false),
            "authenticationSchemes": .array([
                .object([
                    "type": .string("oauthbearertoken"), "name": .string("Bearer token"),
                    "description": .string("The directory's SCIM token, made with `okra scim-token create`."),
                    "primary": .bool(true),
                ])
            ]),
            "meta": .object([
                "resourceType": .string("ServiceProviderConfig"),
                "location": .string("\(base)/ServiceProviderConfig"),
            ]),
        ])
    }

    var resourceTypes: [SCIMJSON] {
        [("User", "/Users", SCIMResources.userSchema), ("Group", "/Groups", SCIMResources.groupSchema)].map {
            name, endpoint, schema in
            .object([
                "schemas": .array([.string(Self.resourceTypeSchema)]), "id": .string(name), "name": .string(name),
                "endpoint": .string(endpoint), "schema": .string(schema),
                "description": .string(name == "User" ? "A person in Okra" : "A team in Okra"),
                "meta": .object([
                    "resourceType": .string("ResourceType"), "location": .string("\(base)/ResourceTypes/\(name)"),
                ]),
            ])
        }
    }

    var schemas: [SCIMJSON] {
        let user: [SCIMJSON] = [
            Self.attribute("userName", required: true, uniqueness: "server"),
            Self.attribute(
                "name", type: "complex",
                subAttributes: [
                    Self.attribute("formatted"), Self.attribute("familyName"), Self.attribute("givenName"),
                ]),
            // Okra needs a name, an e-mail and whether someone is active: userName alone is also taken (an e-mail
            // as userName, the name from it), but these cannot be removed.
            Self.attribute("displayName", required: true),
            Self.attribute(
                "emails", type: "complex", multiValued: true, required: true,
                subAttributes: [
                    Self.attribute("value", required: true),
                    Self.attribute("type", canonical: ["work", "home", "other"]),
                    Self.attribute("primary", type: "boolean"),
                ]),
            Self.attribute("preferredLanguage"),
            Self.attribute("active", type: "boolean", required: true),
            Self.attribute(
                "groups", type: "complex", multiValued: true, mutability: "readOnly",
                subAttributes: [
                    Self.attribute("value", mutability: "readOnly"),
                    Self.attribute("$ref", type: "reference", mutability: "readOnly", referenceTypes: ["Group"]),
                    Self.attribute("display", mutability: "readOnly"),
                    Self.attribute("type", mutability: "readOnly", canonical: ["direct"]),
                ]),
        ]
        let group: [SCIMJSON] = [
            Self.attribute("displayName", required: true),
            Self.attribute(
                "members", type: "complex", multiValued: true,
                subAttributes: [
                    Self.attribute("value", mutability: "immutable"),
                    Self.attribute("$ref", type: "reference", mutability: "immutable", referenceTypes: ["User"]),
                    Self.attribute("type", mutability: "immutable", canonical: ["User"]),
                ]),
        ]
        return [
            schema(SCIMResources.userSchema, name: "User", description: "A person in Okra", attributes: user),
            schema(SCIMResources.groupSchema, name: "Group", description: "A team in Okra", attributes: group),
        ]
    }

    private func schema(_ id: String, name: String, description: String, attributes: [SCIMJSON]) -> SCIMJSON {
        .object([
            "schemas": .array([.string(Self.schemaSchema)]), "id": .string(id), "name": .string(name),
            "description": .string(description), "attributes": .array(attributes),
            "meta": .object(["resourceType": .string("Schema"), "location": .string("\(base)/Schemas/\(id)")]),
        ])
    }

    private static func attribute(
        _ name: String, type: String = "string", multiValued: Bool = false, required: Bool = false,
        mutability: String = "readWrite", uniqueness: String = "none", canonical: [String] = [],
        referenceTypes: [String] = [], subAttributes: [SCIMJSON] = []
    ) -> SCIMJSON {
        var attribute: [String: SCIMJSON] = [
            "name": .string(name), "type": .string(type), "multiValued": .bool(multiValued),
            "description": .string(name), "required": .bool(required), "caseExact": .bool(false),
            "mutability": .string(mutability), "returned": .string("default"), "uniqueness": .string(uniqueness),
        ]
        if !canonical.isEmpty { attribute["canonicalValues"] = .array(canonical.map { .string($0) }) }
        if !referenceTypes.isEmpty { attribute["referenceTypes"] = .array(referenceTypes.map { .string($0) }) }
        if !subAttributes.isEmpty { attribute["subAttributes"] = .array(subAttributes) }
        return .object(attribute)
    }
}
