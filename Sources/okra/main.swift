import ArgumentParser
import Yams
import OKRServer
print("okra")
