//! The fonts built into Casebook, so that papers and the demo's screenshots look the same on any
//! computer and need no installed fonts: Liberation Sans (Arial's metrics; SIL Open Font Licence)
//! in its four styles, and DejaVu Sans (regular and bold; the Bitstream Vera licence) for the
//! Greek, Cyrillic and symbols Liberation lacks. Their licences are beside them in `fonts/`. One
//! copy is in the binary: the papers set their text in them, and the demo draws its screenshots
//! of posts with DejaVu Sans.

/// Every face: Liberation Sans regular, bold, italic and bold italic, then DejaVu Sans regular
/// and bold.
pub const FACES: [&[u8]; 6] = [
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
];

/// DejaVu Sans, regular.
pub const DEJAVU: &[u8] = FACES[4];
/// DejaVu Sans, bold.
pub const DEJAVU_BOLD: &[u8] = FACES[5];
