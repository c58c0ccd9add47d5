import Foundation
import HTTPTypes
import OKRCore

/// Imports and exports hold the whole organization: one row, "own". Only admins import a file or export the
/// OKRs; everyone else gets 403 (a dry run, so the admin's import changes nothing for the other rows).
extension PermissionMatrix {
    static var exchange: [MatrixOperation] {
        [
            MatrixOperation("createImport", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { _, _, _ in
                MatrixRequest(
                    method: .post, uri: "/api/v1/imports?dry_run=true",
                    body: "objective,owner,key result,kind,start,target\nGrow,Marketing,Win more,increase,1,2\n",
                    headers: [.contentType: "text/csv"])
            },
            MatrixOperation("getExport", admin: "A--", lead: "F--", member: "F--", viewer: "F--") { _, _, _ in
                MatrixRequest(method: .get, uri: "/api/v1/exports?kind=people&format=csv")
            },
        ]
    }
}
