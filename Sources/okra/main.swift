import ArgumentParser
import OKRServer
import Yams

print("okra")
