extension PermissionMatrix {
    static let cycles: [MatrixOperation] = []
}
