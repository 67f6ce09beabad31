// Replays a fuzz target without libFuzzer: every seed of its corpus, then a fixed number
// of deterministic mutations of each seed. The ordinary gcc and AddressSanitizer test
// builds run it on every CI run (tests/CMakeLists.txt), so a crash that a fuzzing session
// found and saved into fuzz/corpus, or a nearby one, cannot come back unnoticed; the
// clang libFuzzer build (scripts/fuzz.sh) stays the tool that searches for new ones.
//
// Usage: NAME_replay CORPUS_DIR [MUTATIONS_PER_SEED] [DICTIONARY]

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using Bytes = std::string;

// splitmix64: a small generator whose sequence is the same on every machine and build.
struct Random {
  std::uint64_t state;
  std::uint64_t Next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
};

Bytes ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// libFuzzer dictionary lines: "token" with \\, \" and \xNN escapes; # starts a comment.
std::vector<Bytes> ReadDictionary(const std::string& path) {
  std::vector<Bytes> tokens;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    size_t open = line.find('"');
    size_t close = line.rfind('"');
    if (line.empty() || line[0] == '#' || open == std::string::npos || close <= open) continue;
    Bytes token;
    for (size_t i = open + 1; i < close; ++i) {
      if (line[i] != '\\' || i + 1 >= close) {
        token += line[i];
      } else if (line[i + 1] == 'x' && i + 3 < close) {
        token += static_cast<char>(std::strtol(line.substr(i + 2, 2).c_str(), nullptr, 16));
        i += 3;
      } else {
        token += line[++i];
      }
    }
    tokens.push_back(token);
  }
  return tokens;
}

// Bytes that parsers treat specially: JSON and XML punctuation, digits, line ends, NUL,
// and bytes that are not UTF-8.
constexpr char kInteresting[] = {'{',  '}', '[', ']',  '"',    ',',    ':',   '-',
                                 '.',  '0', '9', 'e',  '<',    '>',    '/',   '\\',
                                 '\n', '=', ' ', '\0', '\x7f', '\xc3', '\xff'};

void Mutate(Bytes& data, const std::vector<Bytes>& seeds, const std::vector<Bytes>& dictionary,
            Random& random) {
  const size_t edits = 1 + random.Below(4);
  for (size_t e = 0; e < edits; ++e) {
    const size_t at = random.Below(data.size() + 1);
    switch (random.Below(7)) {
      case 0:
        if (!data.empty()) data[at % data.size()] ^= static_cast<char>(1u << random.Below(8));
        break;
      case 1:
        if (!data.empty()) data[at % data.size()] = kInteresting[random.Below(sizeof kInteresting)];
        break;
      case 2:
        data.erase(at, 1 + random.Below(16));
        break;
      case 3:
        data.insert(at, data.substr(random.Below(data.size() + 1), 1 + random.Below(32)));
        break;
      case 4:
        if (!dictionary.empty()) data.insert(at, dictionary[random.Below(dictionary.size())]);
        break;
      case 5:
        data.resize(at);
        break;
      default: {  // splice: the head of this input and the tail of another seed
        const Bytes& other = seeds[random.Below(seeds.size())];
        data = data.substr(0, at) + other.substr(random.Below(other.size() + 1));
        break;
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [MUTATIONS_PER_SEED] [DICTIONARY]\n", argv[0]);
    return 2;
  }
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());  // directory order differs between machines
  std::vector<Bytes> seeds;
  for (const auto& path : paths) seeds.push_back(ReadFile(path));
  if (seeds.empty()) {
    std::fprintf(stderr, "%s: no seeds in %s\n", argv[0], argv[1]);
    return 2;
  }
  const long mutations = argc >= 3 ? std::strtol(argv[2], nullptr, 10) : 200;
  const std::vector<Bytes> dictionary = argc >= 4 ? ReadDictionary(argv[3]) : std::vector<Bytes>{};
  long runs = 0;
  for (size_t s = 0; s < seeds.size(); ++s) {
    std::fprintf(stderr, "seed %s\n", paths[s].filename().c_str());  // names the seed of a crash
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(seeds[s].data()), seeds[s].size());
    ++runs;
    Random random{0x5EEDu + s};
    for (long m = 0; m < mutations; ++m) {
      Bytes input = seeds[s];
      Mutate(input, seeds, dictionary, random);
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
      ++runs;
    }
  }
  std::printf("%s: %ld inputs from %zu seeds, no crash\n", argv[0], runs, seeds.size());
  return 0;
}
