import Foundation
import OKRTestSupport
import Testing

@testable import OKRServer
@testable import okra

/// OKR files written as the docs show them, and the means to run the real `okra` binary on them.
///
/// The fixtures live here as string literals (the test target has no resources): each test writes the one it
/// needs to a fresh temporary file.
enum OKRFileFixtures {
    /// The README's example, completed with the company objective it aligns to.
    static let example = """
        cycle: {name: "2026 Q4", start: 2026-10-01, end: 2026-12-31}
        policy: ratio            # optional, the cycle's status policy: ratio | gap | weakest
        holidays: [2026-12-25]   # optional, added to the built-in Vietnamese holidays
        objectives:
          - id: company-growth
            title: Tăng trưởng bền vững nhờ khách hàng tiềm năng chất lượng
            title_en: Grow sustainably through better leads
            owner: company
            kind: aspirational
            progress_source: both
            key_results:
              - {title: "Tăng doanh thu quý từ 10 lên 12 tỷ đồng", kind: increase, start: 10, target: 12, current: 11, unit: "tỷ ₫", initiatives: ["Gói doanh nghiệp"]}
              - {title: "Giữ tỷ lệ khách hàng rời bỏ dưới 2%", kind: at_most, target: 2, current: 1.8, unit: percent, initiatives: ["Chăm sóc sau bán"]}
          - id: mkt
            title: Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn
            owner: Marketing
            kind: committed      # or aspirational
            parent: company-growth        # optional id of another objective in the file
            key_results:
              - {title: "Tăng MQL qua email từ 100 lên 150", kind: increase, start: 100, target: 150, current: 130, initiatives: ["Newsletter mới"]}
              - {title: "Đạt 8/10 điểm hài lòng", kind: at_least, target: 8, current: 8.6, condition: {min_responses: 100, responses: 40}}
        """

    /// The guide's Marketing and Sales objectives, with the Marketing KRs at 125 / 85 / 50 and the Sales ones
    /// at 26%, 30% and 8.6/10 on 40 of the 100 required responses.
    static let mission = """
        cycle: {name: "2026 Q4", start: 2026-10-01, end: 2026-12-31}
        objectives:
          - id: marketing
            title: Cải thiện các kênh quảng cáo để tạo ra nhiều MQL hơn
            title_en: Improve advertising channels to generate more Marketing Qualified Leads
            owner: Marketing
            state: published
            key_results:
              - title: Tăng MQL qua email từ 100 lên 150
                kind: increase
                unit: MQL
                start: 100
                target: 150
                current: 125
                initiatives: [Bản tin hằng tuần]
              - title: Tăng MQL qua AdWords từ 70 lên 100
                kind: increase
                unit: MQL
                start: 70
                target: 100
                current: 85
                initiatives: [Chiến dịch AdWords mới]
              - title: Tăng MQL từ tìm kiếm tự nhiên từ 45 lên 50
                kind: increase
                unit: MQL
                start: 45
                target: 50
                current: 50
                initiatives: [Tối ưu SEO blog]
          - id: sales
            title: Cá nhân hóa cách tiếp cận bán hàng và nuôi dưỡng khách hàng tiềm năng mới tốt hơn
            title_en: Personalise the sales approach and nurture new leads better
            owner: Sales
            state: published
            key_results:
              - title: Tăng tỷ lệ chuyển đổi từ dùng thử sang trả phí từ 20% lên 35%
                kind: increase
                unit: percent
                start: 20
                target: 35
                current: 26
                initiatives: [Gọi điện chào mừng]
              - title: Tăng tỷ lệ mở email follow-up từ 14% lên 45%
                kind: increase
                unit: percent
                start: 14
                target: 45
                current: 30
                initiatives: [Viết lại chuỗi email]
              - title: Đạt điểm trung bình 8/10 trong khảo sát mức độ hài lòng với ít nhất 100 phản hồi
                kind: at_least
                unit: /10
                target: 8
                current: 8.6
                condition: {metric: responses, minimum: 100, actual: 40}
                initiatives: [Khảo sát sau mỗi cuộc gọi]
        """

    /// Writes `text` to a new temporary `okr.yaml` and returns its path.
    static func write(_ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("okra-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("okr.yaml")
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// Parses `text` as if read from a file named `okr.yaml`.
    static func parse(_ text: String) throws -> OKRFile {
        try OKRFile.parse(text, file: "okr.yaml")
    }

    /// The error `text` is refused with.
    static func refusal(_ text: String) -> OKRFileError? {
        do {
            _ = try OKRFile.parse(text, file: "okr.yaml")
            return nil
        } catch {
            return error
        }
    }
}

/// One run of the built `okra` binary.
struct OkraRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The package's debug build of `okra` (built with the tests by `swift build --build-tests`).
    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/okra")
    }

    /// Runs `okra arguments…` with `LANG` set to `lang` (or unset), output captured through files so a long
    /// output cannot block the pipe.
    static func okra(_ arguments: [String], lang: String? = nil) throws -> OkraRun {
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build okra first: \(binary.path)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("okra-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("stdout")
        let err = folder.appendingPathComponent("stderr")
        try Data().write(to: out)
        try Data().write(to: err)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = lang
        environment["LC_ALL"] = nil
        let output = try FileHandle(forWritingTo: out)
        let errors = try FileHandle(forWritingTo: err)
        let process = try ChildProcess(
            executable: binary.path, arguments: arguments, environment: environment,
            standardOutput: output.fileDescriptor, standardError: errors.fileDescriptor)
        try output.close()
        try errors.close()
        process.waitUntilExit()
        return OkraRun(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// The standard output parsed as a JSON object.
    func json() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(stdout)")
    }
}
