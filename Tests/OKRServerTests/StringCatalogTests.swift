import Foundation
import OKRCore
import Testing

@testable import OKRServer

@Suite("The string catalog")
struct StringCatalogTests {
    @Test("Every key has a text in Vietnamese and in English", arguments: Language.allCases)
    func everyKey(language: Language) throws {
        let table = try #require(Strings.shipped.tables[language], "catalog \(language.rawValue).json is missing")
        for key in StringKey.allCases {
            let text = table[key.rawValue]
            #expect(text != nil && text?.isEmpty == false, "\(language.rawValue): \(key.rawValue)")
        }
        let unknown = Set(table.keys).subtracting(StringKey.allCases.map(\.rawValue))
        #expect(unknown.isEmpty, "keys in \(language.rawValue).json that no code uses: \(unknown.sorted())")
    }

    @Test("Placeholders match between the languages")
    func placeholders() throws {
        func names(_ text: String) -> Set<String> {
            Set(
                text.split(separator: "{", omittingEmptySubsequences: false).dropFirst().compactMap {
                    $0.split(separator: "}").first.map { String($0.prefix { $0 != "|" }) }
                })
        }
        for key in StringKey.allCases {
            let vi = Strings.shipped.text(key, .vi)
            let en = Strings.shipped.text(key, .en)
            #expect(names(vi) == names(en), "\(key.rawValue)")
        }
    }

    @Test("The Vietnamese catalog uses the glossary's words and none of those it replaces (docs/glossary.md)")
    func glossary() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/glossary.md").standardizedFileURL
        let rows = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Tiếng Việt") && !$0.hasPrefix("| ---") }
            .map {
                $0.split(separator: "|", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            }
        let avoided = rows.compactMap { $0.count > 3 && !$0[3].isEmpty ? $0[3] : nil }
        #expect(avoided.count >= 4, "the glossary's table was not read: \(rows)")
        let table = try #require(Strings.shipped.tables[.vi])
        for (key, text) in table {
            for word in avoided {
                #expect(text.range(of: word, options: .caseInsensitive) == nil, "\(key): “\(word)” in “\(text)”")
            }
        }
        #expect(Strings.shipped.text(.objectiveKeyResults, .vi) == "Kết quả then chốt")
        #expect(Strings.shipped.text(.askTitle, .vi) == "Yêu cầu hỗ trợ")
        #expect(Strings.shipped.text(.editorKindAspirational, .vi) == "Khát vọng")
        #expect(Strings.shipped.text(.editorKrTarget, .vi).hasPrefix("Chỉ tiêu"))
    }

    @Test("Vietnamese text keeps its diacritics")
    func diacritics() {
        #expect(Strings.shipped.text(.signInTitle, .vi) == "Đăng nhập Okra")
        #expect(Strings.shipped.text(.navAlignmentMap, .vi) == "Bản đồ liên kết")
    }
}

@Suite("Placeholders")
struct PlaceholderTests {
    @Test("Every {name} is filled in one pass; an unknown one and a lone brace stay as written")
    func fill() {
        #expect(Strings.fill("{a} và {b}: {a}", ["a": "Nam", "b": "Hà"]) == "Nam và Hà: Nam")
        #expect(Strings.fill("{count} mục tiêu {missing}", ["count": "3"]) == "3 mục tiêu {missing}")
        #expect(Strings.fill("a { b", ["b": "x"]) == "a { b")
        #expect(Strings.fill("{v}", ["v": "{v}"]) == "{v}", "a value is never filled again")
        #expect(Strings.fill("", ["a": "b"]) == "")
        #expect(Strings.fill("{n} {n|objective|objectives}", ["n": "1"]) == "1 objective")
        #expect(Strings.fill("{n} {n|objective|objectives}", ["n": "2"]) == "2 objectives")
        #expect(Strings.fill("{n} {n|objective|objectives}", ["n": "0"]) == "0 objectives")
        #expect(Strings.fill("{m|a|b}", ["n": "1"]) == "{m|a|b}", "no value: as written")
    }
}
