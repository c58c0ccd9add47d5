import OKRCore
import SQLKit
import SQLiteKit
import PostgresKit
