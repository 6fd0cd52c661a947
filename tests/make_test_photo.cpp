// make_test_photo FILE [WIDTH HEIGHT]: a phone's JPEG for the browser test (tests/photo_files.h):
// skin-coloured noise with a red square in its stored top-left corner, EXIF orientation 6, GPS,
// camera, time, an embedded thumbnail, XMP and IPTC.
#include <cstdlib>
#include <iostream>

#include "photo_files.h"

int main(int argc, char** argv) {
    if (argc != 2 && argc != 4) {
        std::cerr << "usage: make_test_photo FILE [WIDTH HEIGHT]\n";
        return 2;
    }
    try {
        if (argc == 4)
            swelltrack::testing::phone_jpeg(argv[1], std::atoi(argv[2]), std::atoi(argv[3]));
        else
            swelltrack::testing::phone_jpeg(argv[1]);
    } catch (const std::exception& e) {
        std::cerr << "make_test_photo: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
