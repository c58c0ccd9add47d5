import Foundation
import HTTPTypes
import HummingbirdTesting
import OKRCore
import OKRStore
import Testing

@testable import OKRServer

@Suite("Organization settings through the API")
struct SettingsAPITests {
    @Test("Everyone reads the settings: Ho Chi Minh City time, weeks from Monday, ratio 0.95 / 0.75, Friday 15:00")
    func read() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-mai", readOnly: true)
        try await world.test { client in
            let answer = try await client.api(.get, "/api/v1/settings", token: token)
            #expect(answer.status == .ok)
            #expect(answer.object["name"] as? String == "Okra Demo")
            #expect(answer.object["time_zone"] as? String == "Asia/Ho_Chi_Minh")
            #expect(answer.object["week_start"] as? String == "monday")
            #expect(answer.object["check_in_day"] as? String == "friday")
            #expect(answer.object["check_in_time"] as? String == "15:00")
            #expect(answer.object["default_language"] as? String == "vi")
            #expect(answer.object["observes_vietnamese_holidays"] as? Bool == true)
            let rules = try #require(answer.object["status_rules"] as? [String: Any])
            #expect(rules["policy"] as? String == "ratio")
            #expect(rules["on_track"] as? Double == 0.95)
            #expect(rules["at_risk"] as? Double == 0.75)
            #expect(rules["off_track"] == nil)
            #expect(rules["stale_after_days"] as? Int == 14)
            #expect(answer.headers[.eTag] == "\"v\(answer.object["version"] as? Int ?? -1)\"")
        }
        try await world.close()
    }

    @Test("An admin changes the time zone, holidays and policy; the store keeps them and the version moves")
    func change() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            let before = try await client.api(.get, "/api/v1/settings", token: token)
            let version = try #require(before.object["version"] as? Int)
            let answer = try await client.api(
                .patch, "/api/v1/settings", token: token,
                body: jsonBody([
                    "version": version, "time_zone": "Asia/Bangkok", "holidays": ["2026-12-31", "2026-12-24"],
                    "status_rules": ["policy": "gap", "off_track": 0.3], "check_in_time": "09:30",
                    "week_start": "sunday", "default_language": "en",
                ]))
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(answer.object["version"] as? Int == version + 1)
            #expect(answer.object["holidays"] as? [String] == ["2026-12-24", "2026-12-31"])
            let rules = try #require(answer.object["status_rules"] as? [String: Any])
            #expect(rules["policy"] as? String == "gap")
            #expect(rules["at_risk"] as? Double == 0.1, "a new policy starts from its own defaults")
            #expect(rules["off_track"] as? Double == 0.3)
            #expect(rules["on_track"] == nil)
        }
        let stored = try #require(try await world.store.settings())
        #expect(stored.timeZone == "Asia/Bangkok")
        #expect(stored.weekStart == .sunday)
        #expect(stored.defaultLanguage == .en)
        #expect(stored.checkInTime == "09:30")
        #expect(stored.statusRules.policy == .gap(atRisk: 0.10, offTrack: 0.3))
        #expect(stored.name == "Okra Demo", "what the change left out stays")
        try await world.close()
    }

    @Test("Thresholds left out keep their values when the policy stays; If-Match works instead of version")
    func samePolicy() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        try await world.test { client in
            let before = try await client.api(.get, "/api/v1/settings", token: token)
            let etag = try #require(before.headers[.eTag])
            let answer = try await client.api(
                .patch, "/api/v1/settings", token: token,
                body: jsonBody(["status_rules": ["on_track": 0.9, "low_confidence_below": 4]]),
                headers: [.ifMatch: etag])
            #expect(answer.status == .ok, "\(answer.text)")
        }
        let rules = try #require(try await world.store.settings()).statusRules
        #expect(rules.policy == .ratio(onTrack: 0.9, atRisk: 0.75))
        #expect(rules.lowConfidenceBelow == 4)
        #expect(rules.staleAfterDays == 14)
        try await world.close()
    }

    @Test(
        "Invalid values are 422 naming the member, and change nothing",
        arguments: [
            (#""time_zone": "Asia/Saigonn""#, "time_zone"),
            (#""time_zone": "GMT+7""#, "time_zone"),
            (#""name": "   ""#, "name"),
            (#""check_in_time": "24:00""#, "check_in_time"),
            (#""week_start": "Monday""#, "week_start"),
            (#""max_objectives_per_owner": 0"#, "max_objectives_per_owner"),
            (#""holidays": ["2026-02-30"]"#, "holidays.0"),
            (#""default_language": "fr""#, "default_language"),
            (#""status_rules": {"on_track": 0.5}"#, "status_rules.at_risk"),
            (#""status_rules": {"on_track": 1.5}"#, "status_rules.on_track"),
            (#""status_rules": {"off_track": 0.3}"#, "status_rules.off_track"),
            (#""status_rules": {"policy": "median"}"#, "status_rules.policy"),
            (#""status_rules": {"stale_after_days": 0}"#, "status_rules.stale_after_days"),
        ])
    func invalid(_ member: String, field: String) async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        let before = try #require(try await world.store.versionedSettings())
        try await world.test { client in
            let answer = try await client.api(
                .patch, "/api/v1/settings", token: token, body: "{\"version\": \(before.version), \(member)}")
            #expect(answer.status == .unprocessableContent, "\(answer.text)")
            #expect(answer.errorField == field)
        }
        #expect(try await world.store.versionedSettings() == before)
        try await world.close()
    }

    @Test("A stale version is 409, no version at all is 428, and both change nothing")
    func versions() async throws {
        let world = try await TestWorld.demo()
        let token = try await world.token("p-anh")
        let before = try #require(try await world.store.versionedSettings())
        try await world.test { client in
            let stale = try await client.api(
                .patch, "/api/v1/settings", token: token,
                body: jsonBody(["version": before.version - 1, "name": "Okra"]))
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "version_conflict")
            let missing = try await client.api(
                .patch, "/api/v1/settings", token: token, body: jsonBody(["name": "Okra"]))
            #expect(missing.status == .preconditionRequired)
        }
        #expect(try await world.store.versionedSettings() == before)
        try await world.close()
    }

    @Test("Leads, members and viewers may not change the settings (403)")
    func forbidden() async throws {
        let world = try await TestWorld.demo()
        let before = try #require(try await world.store.versionedSettings())
        for person in ["p-ha", "p-nam", "p-mai"] {
            let token = try await world.token(person)
            try await world.test { client in
                let answer = try await client.api(
                    .patch, "/api/v1/settings", token: token,
                    body: jsonBody(["version": before.version, "name": "Taken over"]))
                #expect(answer.status == .forbidden, "\(person)")
            }
        }
        #expect(try await world.store.versionedSettings() == before)
        try await world.close()
    }
}
