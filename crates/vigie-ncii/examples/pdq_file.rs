//! Prints the PDQ hash and quality of each image given (used to compare with the reference).
fn main() {
    for p in std::env::args().skip(1) {
        match vigie_ncii::hash_image_file(std::path::Path::new(&p)) {
            Ok(h) => println!("{} {} {p}", h.pdq, h.quality),
            Err(e) => println!("error {e} {p}"),
        }
    }
}
