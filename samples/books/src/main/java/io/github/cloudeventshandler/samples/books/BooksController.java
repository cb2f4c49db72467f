package io.github.cloudeventshandler.samples.books;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The public HTTP API: list, read and delete books. */
@RestController
class BooksController {
  private final BookService service;

  BooksController(BookService service) {
    this.service = service;
  }

  @GetMapping("/books")
  List<Book> list() {
    return service.all();
  }

  @GetMapping("/books/{id}")
  ResponseEntity<Book> get(@PathVariable("id") long id) {
    return ResponseEntity.of(service.get(id));
  }

  @DeleteMapping("/books/{id}")
  ResponseEntity<Void> delete(@PathVariable("id") long id) {
    return service.remove(id)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }
}
