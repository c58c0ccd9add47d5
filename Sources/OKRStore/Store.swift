import OKRCore
import PostgresKit
import SQLKit
import SQLiteKit
