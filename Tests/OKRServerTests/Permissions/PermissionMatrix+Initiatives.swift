extension PermissionMatrix {
    static let initiatives: [MatrixOperation] = []
}
