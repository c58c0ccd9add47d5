extension Schema {
    /// A KR fed by a KPI takes each of the KPI's latest values as a check-in; the check-in names the KPI it came
    /// from, so the KR's history says where the value was measured.
    static let kpiCheckIns = Migration(
        version: 11, name: "check-ins taken from a KPI name it",
        statements: [
            "ALTER TABLE check_ins ADD COLUMN kpi_id TEXT",
            "CREATE INDEX key_results_kpi ON key_results (kpi_id)",
        ])
}
