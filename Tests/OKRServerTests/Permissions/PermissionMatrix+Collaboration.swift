extension PermissionMatrix {
    static let collaboration: [MatrixOperation] = []
}
