import { Controller, Get, Header, Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@ccndr/auth';

/**
 * A controller serving one stylesheet at `path`, to anyone (it holds no data): pages keep their
 * styles in files, since the content security policy refuses inline ones.
 */
export function stylesheetController(path: string, css: string): Type<unknown> {
  @ApiExcludeController()
  @Public()
  @Controller()
  class StylesheetController {
    @Get(path)
    @Header('Content-Type', 'text/css; charset=utf-8')
    styles(): string {
      return css;
    }
  }
  return StylesheetController;
}
