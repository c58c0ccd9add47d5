extension PermissionMatrix {
    static let organization: [MatrixOperation] = []
}
