/// The schema of Okra's database, as the ordered list of its migrations. Append; never edit a shipped one.
enum Schema {
    static let migrations: [Migration] = [
        initial, webhooks, notifications, drafting, readPaths, historyOrder, leavers, passwordResets, openIDConnect,
        scim, kpiCheckIns, initiativeDays, quarterClose, planning,
    ]

    /// Every concept of the domain, one table each, with the link tables between them.
    static let initial = Migration(
        version: 1, name: "initial schema",
        statements: [
            """
            CREATE TABLE organization_settings (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                name TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                week_start BIGINT NOT NULL,
                holidays TEXT NOT NULL,
                observes_vietnamese_holidays BIGINT NOT NULL,
                default_language TEXT NOT NULL,
                status_policy TEXT NOT NULL,
                policy_first TEXT NOT NULL,
                policy_second TEXT NOT NULL,
                low_confidence_below BIGINT NOT NULL,
                stale_after_days BIGINT NOT NULL,
                max_objectives_per_owner BIGINT NOT NULL,
                check_in_day BIGINT NOT NULL,
                check_in_time TEXT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE teams (
                id TEXT PRIMARY KEY,
                name_vi TEXT NOT NULL,
                name_en TEXT,
                parent_id TEXT REFERENCES teams (id),
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE people (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                email TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                language TEXT,
                password_hash TEXT,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE team_members (
                team_id TEXT NOT NULL REFERENCES teams (id),
                person_id TEXT NOT NULL REFERENCES people (id),
                is_lead BIGINT NOT NULL CHECK (is_lead IN (0, 1)),
                PRIMARY KEY (team_id, person_id, is_lead)
            )
            """,
            "CREATE INDEX team_members_person ON team_members (person_id)",
            """
            CREATE TABLE cycles (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                start_day TEXT NOT NULL,
                end_day TEXT NOT NULL,
                state TEXT NOT NULL,
                status_policy TEXT NOT NULL,
                policy_first TEXT NOT NULL,
                policy_second TEXT NOT NULL,
                low_confidence_below BIGINT NOT NULL,
                stale_after_days BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE objectives (
                id TEXT PRIMARY KEY,
                cycle_id TEXT NOT NULL REFERENCES cycles (id),
                position BIGINT NOT NULL,
                title_vi TEXT NOT NULL,
                title_en TEXT,
                description TEXT,
                owner TEXT,
                owner_team_id TEXT REFERENCES teams (id),
                owner_person_id TEXT REFERENCES people (id),
                kind TEXT NOT NULL,
                state TEXT NOT NULL,
                visibility TEXT NOT NULL,
                progress_source TEXT NOT NULL,
                search_key TEXT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            "CREATE INDEX objectives_cycle ON objectives (cycle_id, position)",
            """
            CREATE TABLE kpis (
                id TEXT PRIMARY KEY,
                name_vi TEXT NOT NULL,
                name_en TEXT,
                unit TEXT NOT NULL,
                direction TEXT NOT NULL,
                healthy TEXT NOT NULL,
                unhealthy TEXT NOT NULL,
                owner_team_id TEXT REFERENCES teams (id),
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE kpi_values (
                kpi_id TEXT NOT NULL REFERENCES kpis (id),
                day TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (kpi_id, day)
            )
            """,
            """
            CREATE TABLE key_results (
                id TEXT PRIMARY KEY,
                objective_id TEXT NOT NULL REFERENCES objectives (id),
                position BIGINT NOT NULL,
                title_vi TEXT NOT NULL,
                title_en TEXT,
                owner TEXT,
                owner_team_id TEXT REFERENCES teams (id),
                owner_person_id TEXT REFERENCES people (id),
                kind TEXT NOT NULL,
                unit TEXT NOT NULL,
                start_value TEXT,
                target TEXT,
                target_high TEXT,
                current_value TEXT,
                weight TEXT NOT NULL,
                confidence BIGINT,
                condition_metric TEXT,
                condition_minimum TEXT,
                condition_actual TEXT,
                plan TEXT NOT NULL,
                kpi_id TEXT REFERENCES kpis (id),
                due_day TEXT,
                version BIGINT NOT NULL
            )
            """,
            "CREATE INDEX key_results_objective ON key_results (objective_id, position)",
            """
            CREATE TABLE alignment_links (
                objective_id TEXT NOT NULL REFERENCES objectives (id),
                position BIGINT NOT NULL,
                parent_objective_id TEXT REFERENCES objectives (id),
                parent_key_result_id TEXT REFERENCES key_results (id),
                weight TEXT NOT NULL,
                PRIMARY KEY (objective_id, position),
                CHECK ((parent_objective_id IS NULL) <> (parent_key_result_id IS NULL))
            )
            """,
            "CREATE INDEX alignment_links_parent_objective ON alignment_links (parent_objective_id)",
            "CREATE INDEX alignment_links_parent_key_result ON alignment_links (parent_key_result_id)",
            """
            CREATE TABLE check_ins (
                id TEXT PRIMARY KEY,
                key_result_id TEXT NOT NULL REFERENCES key_results (id),
                value TEXT NOT NULL,
                confidence BIGINT,
                note TEXT,
                author_id TEXT NOT NULL REFERENCES people (id),
                recorded_at BIGINT NOT NULL,
                day TEXT NOT NULL,
                week TEXT NOT NULL,
                supersedes TEXT UNIQUE REFERENCES check_ins (id),
                condition_actual TEXT
            )
            """,
            "CREATE INDEX check_ins_key_result ON check_ins (key_result_id, day, recorded_at)",
            """
            CREATE TABLE dependency_asks (
                id TEXT PRIMARY KEY,
                from_team_id TEXT NOT NULL REFERENCES teams (id),
                to_team_id TEXT NOT NULL REFERENCES teams (id),
                objective_id TEXT REFERENCES objectives (id),
                key_result_id TEXT REFERENCES key_results (id),
                need TEXT NOT NULL,
                due_by TEXT NOT NULL,
                state TEXT NOT NULL,
                reason TEXT,
                counter_due TEXT,
                position BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            "CREATE INDEX dependency_asks_from ON dependency_asks (from_team_id)",
            "CREATE INDEX dependency_asks_to ON dependency_asks (to_team_id)",
            """
            CREATE TABLE initiatives (
                id TEXT PRIMARY KEY,
                title_vi TEXT NOT NULL,
                title_en TEXT,
                owner TEXT,
                owner_team_id TEXT REFERENCES teams (id),
                owner_person_id TEXT REFERENCES people (id),
                state TEXT NOT NULL,
                due_day TEXT,
                link TEXT,
                ask_id TEXT REFERENCES dependency_asks (id),
                position BIGINT NOT NULL,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE initiative_key_results (
                initiative_id TEXT NOT NULL REFERENCES initiatives (id),
                key_result_id TEXT NOT NULL REFERENCES key_results (id),
                position BIGINT NOT NULL,
                PRIMARY KEY (initiative_id, key_result_id)
            )
            """,
            "CREATE INDEX initiative_key_results_key_result ON initiative_key_results (key_result_id)",
            """
            CREATE TABLE weekly_updates (
                id TEXT PRIMARY KEY,
                person_id TEXT NOT NULL REFERENCES people (id),
                week TEXT NOT NULL,
                progress TEXT,
                problems TEXT,
                mood BIGINT,
                version BIGINT NOT NULL,
                UNIQUE (person_id, week)
            )
            """,
            "CREATE INDEX weekly_updates_week ON weekly_updates (week)",
            """
            CREATE TABLE weekly_plan_items (
                weekly_update_id TEXT NOT NULL REFERENCES weekly_updates (id),
                position BIGINT NOT NULL,
                text TEXT NOT NULL,
                objective_id TEXT REFERENCES objectives (id),
                key_result_id TEXT REFERENCES key_results (id),
                done BIGINT NOT NULL CHECK (done IN (0, 1)),
                PRIMARY KEY (weekly_update_id, position)
            )
            """,
            """
            CREATE TABLE comments (
                id TEXT PRIMARY KEY,
                subject_kind TEXT NOT NULL,
                objective_id TEXT REFERENCES objectives (id),
                key_result_id TEXT REFERENCES key_results (id),
                check_in_id TEXT REFERENCES check_ins (id),
                weekly_update_id TEXT REFERENCES weekly_updates (id),
                author_id TEXT NOT NULL REFERENCES people (id),
                body TEXT NOT NULL,
                is_question BIGINT NOT NULL CHECK (is_question IN (0, 1)),
                created_at BIGINT NOT NULL,
                answers TEXT REFERENCES comments (id)
            )
            """,
            "CREATE INDEX comments_objective ON comments (objective_id)",
            "CREATE INDEX comments_key_result ON comments (key_result_id)",
            "CREATE INDEX comments_check_in ON comments (check_in_id)",
            "CREATE INDEX comments_weekly_update ON comments (weekly_update_id)",
            """
            CREATE TABLE key_result_grades (
                key_result_id TEXT PRIMARY KEY REFERENCES key_results (id),
                proposed TEXT NOT NULL,
                value TEXT NOT NULL,
                reason TEXT,
                version BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE audit_events (
                id TEXT PRIMARY KEY,
                actor_id TEXT,
                at BIGINT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                action TEXT NOT NULL,
                before_json TEXT,
                after_json TEXT
            )
            """,
            "CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, at)",
            "CREATE INDEX audit_events_at ON audit_events (at)",
            """
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                person_id TEXT NOT NULL REFERENCES people (id),
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                read_only BIGINT NOT NULL CHECK (read_only IN (0, 1)),
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            "CREATE INDEX api_tokens_person ON api_tokens (person_id)",
            """
            CREATE TABLE persist_entries (
                entry_key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                expires_at BIGINT
            )
            """,
        ])
}
