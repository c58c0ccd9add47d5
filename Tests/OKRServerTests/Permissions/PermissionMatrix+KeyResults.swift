extension PermissionMatrix {
    static let keyResults: [MatrixOperation] = []
}
